package dev.genserver.benchmarks.ours;

import dev.genserver.benchmarks.ours.OursSupport.Idle;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.StartOptions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * W5, ours: {@code runtime.start(Idle::new, defaults)} × 100k idle servers, one after the other
 * from the benchmark thread, as Elixir's {@code GenServer.start} loop does. {@code start} returns
 * once the server's init has run, so every start counted is a running server. Each iteration
 * uses a fresh runtime, so the servers of one iteration never weigh on the next; creating and
 * closing that runtime is not timed. Beside {@code PekkoSpawnBenchmark} (same JMH configuration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 100k starts take well under a second: 8 measured shots, so that one young GC of the live
// servers does not decide the mean.
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(1)
public class OursStartBenchmark {

    /** Servers started per iteration. */
    public static final int STARTS = 100_000;

    private ProcessRuntime runtime;

    /** Creates a fresh runtime for the iteration. */
    @Setup(Level.Iteration)
    public void setUp() {
        runtime = ProcessRuntime.create();
    }

    /** Closes the iteration's runtime, and with it all its servers. */
    @TearDown(Level.Iteration)
    public void tearDown() {
        OursSupport.close(runtime);
        runtime = null;
    }

    /**
     * Starts 100k idle servers, each running when its start returns.
     *
     * @return the number of live servers
     */
    @Benchmark
    @OperationsPerInvocation(STARTS)
    public int w5_start() {
        StartOptions options = StartOptions.defaults();
        for (int i = 0; i < STARTS; i++) {
            runtime.start(Idle::new, options);
        }
        return runtime.serverCount();
    }
}
