package dev.genserver.benchmarks.ours;

import dev.genserver.benchmarks.support.Sparse;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
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
 * W10, ours: sparse call. One platform-thread caller (a servlet thread) calls the counter of a plain
 * {@link ProcessRuntime}, then sleeps 1 ms ({@link Sparse}, outside the timed region) so that both
 * sides go idle before the next call: the server's loop has stopped lingering and parked its virtual
 * thread, its carrier has found no work and parked too. Each sample is one call; the report quotes
 * the median ("W10 sparse") and the 99th percentile ("W10 sparseP99"). About 1,000 samples per
 * 1-second iteration, 5,000 measured after 3 s of warm-up. Beside {@code PekkoSparseAskBenchmark}
 * and the Elixir script's {@code Process.sleep(1)} loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OursSparseCallBenchmark {

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
     * One call after the caller and the server have been idle for 1 ms.
     *
     * @param pause sleeps before each invocation, untimed
     * @return the counter's new value
     */
    @Benchmark
    public long w10_sparse(Sparse pause) {
        return OursSupport.increment(counter);
    }
}
