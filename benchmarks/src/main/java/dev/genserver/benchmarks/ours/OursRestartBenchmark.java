package dev.genserver.benchmarks.ours;

import dev.genserver.benchmarks.ours.OursSupport.Counter;
import dev.genserver.benchmarks.ours.OursSupport.Crash;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.supervisor.ChildSpec;
import dev.genserver.supervisor.Supervisor;
import dev.genserver.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W7, ours: restart latency under a one-for-one {@link Supervisor}. The counter is its only
 * (permanent) child; the intensity is Elixir's anchor's (10⁹ restarts per second: never reached).
 *
 * <ul>
 *   <li>{@code w7_restart}, beside {@code PekkoRestartBenchmark.w7_restart}: cast {@code Crash}
 *       (the handler throws), then call until it answers: crash → supervisor restart → reply.
 *       Our mailbox survives the restart, so the call queued behind the crash is answered by the
 *       fresh instance: one call suffices, as one ask does for Pekko.</li>
 *   <li>{@code w7_kill} (an extra row): {@code runtime.exit(ref, KILL)}, Elixir's
 *       {@code Process.exit(pid, :kill)}, then the call; the twin of the Elixir anchor's method.</li>
 * </ul>
 *
 * <p>Both crash and kill make the runtime and the supervisor log an error report (OTP's SASL
 * reports, off by default in Elixir); like the Pekko anchor, which restarts with
 * {@code withLoggingEnabled(false)}, the fork turns our loggers off, so the figure is the restart
 * and not the writing of two stack traces to stderr per sample ({@code jvmArgsPrepend}: the runner
 * sets the forks' {@code jvmArgsAppend} itself, which would replace an annotation's). Sampled; the report quotes the
 * median. Same JMH configuration as the Pekko anchor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Dorg.slf4j.simpleLogger.log.dev.genserver=off")
public class OursRestartBenchmark {

    private ProcessRuntime runtime;
    private Supervisor supervisor;
    private ServerRef counter;

    /** Starts one runtime per trial, the supervisor and its counter child. */
    @Setup
    public void setUp() {
        runtime = ProcessRuntime.create();
        supervisor = Supervisor.start(runtime,
                SupervisorSpec.oneForOne(ChildSpec.worker("counter", Counter::new))
                        .withIntensity(1_000_000_000, Duration.ofSeconds(1)));
        counter = supervisor.child("counter").orElseThrow();
    }

    /** Stops the supervisor (and its child), then closes the runtime. */
    @TearDown
    public void tearDown() {
        try {
            if (supervisor != null) {
                supervisor.stop();
            }
        } finally {
            OursSupport.close(runtime);
        }
    }

    /**
     * Crash, then the first answered call of the restarted counter.
     *
     * @return the restarted counter's value (1)
     */
    @Benchmark
    public long w7_restart() {
        counter.cast(Crash.INSTANCE);
        return OursSupport.increment(counter);
    }

    /**
     * Kill, then the first answered call of the restarted counter.
     *
     * @return the restarted counter's value (1)
     */
    @Benchmark
    public long w7_kill() {
        runtime.exit(counter, ExitReason.KILL);
        return OursSupport.increment(counter);
    }
}
