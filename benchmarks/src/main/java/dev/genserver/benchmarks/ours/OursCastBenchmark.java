package dev.genserver.benchmarks.ours;

import dev.genserver.benchmarks.ours.OursSupport.Add;
import dev.genserver.benchmarks.ours.OursSupport.Get;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W3, ours: one sender casts 1M {@code Add}s to one counter server, then calls {@code Get} once to
 * sync. Each iteration is one such batch; the score is nanoseconds per cast (the report shows
 * casts/s). Beside {@code PekkoTellBenchmark} (same JMH configuration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class OursCastBenchmark {

    /** Casts per batch. */
    public static final int CASTS = 1_000_000;

    /** The sync call's timeout: Pekko's ask timeout. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    private ProcessRuntime runtime;
    private ServerRef counter;

    /** Starts one runtime per trial, and the counter in it. */
    @Setup
    public void setUp() {
        runtime = ProcessRuntime.create();
        counter = OursSupport.startCounter(runtime);
    }

    /** Closes the runtime. */
    @TearDown
    public void tearDown() {
        OursSupport.close(runtime);
    }

    /**
     * 1M casts, then one call that returns once all of them have been handled (mailbox order).
     * The sync call waits up to 30 s, as Pekko's ask does ({@code PekkoSupport.ASK_TIMEOUT}; Elixir
     * waits {@code :infinity}): 1M queued casts may take longer than the default 5 s on a busy machine.
     *
     * @return the counter's value
     */
    @Benchmark
    @OperationsPerInvocation(CASTS)
    public long w3_cast() {
        for (int i = 0; i < CASTS; i++) {
            counter.cast(Add.INSTANCE);
        }
        Long value = counter.call(Get.INSTANCE, SYNC_TIMEOUT);
        return value;
    }
}
