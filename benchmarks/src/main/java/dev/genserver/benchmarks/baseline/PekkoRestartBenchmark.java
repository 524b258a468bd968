package dev.genserver.benchmarks.baseline;

import dev.genserver.benchmarks.baseline.PekkoSupport.Counter;
import dev.genserver.benchmarks.baseline.PekkoSupport.CounterCommand;
import dev.genserver.benchmarks.baseline.PekkoSupport.Crash;
import dev.genserver.benchmarks.baseline.PekkoSupport.Increment;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
 * W7 anchor: restart latency under Pekko typed supervision. The counter is wrapped in
 * {@code Behaviors.supervise(...).onFailure(SupervisorStrategy.restart())}; one operation tells it
 * to crash (it throws) and then asks it until it answers, i.e. crash → restart → reply. Pekko typed
 * has no external "kill" of a running actor that leads to a restart, so the crash is the
 * equivalent of Elixir's {@code Process.exit(pid, :kill)}. Sampled; the report quotes the median.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PekkoRestartBenchmark {

    private ActorSystem<CounterCommand> system;

    /** Starts one actor system per trial; its guardian is the supervised counter. */
    @Setup
    public void setUp() {
        system = PekkoSupport.start(
                Behaviors.supervise(Counter.create())
                        .onFailure(IllegalStateException.class,
                                SupervisorStrategy.restart().withLoggingEnabled(false)),
                "w7");
    }

    /**
     * Terminates the system.
     *
     * @throws Exception if it did not terminate
     */
    @TearDown
    public void tearDown() throws Exception {
        PekkoSupport.stop(system);
    }

    /**
     * Crash, then the first successful ask of the restarted counter.
     *
     * @return the restarted counter's value (1)
     * @throws Exception if the ask failed
     */
    @Benchmark
    public long w7_restart() throws Exception {
        system.tell(Crash.INSTANCE);
        return PekkoSupport.<CounterCommand, Long>ask(system, Increment::new, system);
    }
}
