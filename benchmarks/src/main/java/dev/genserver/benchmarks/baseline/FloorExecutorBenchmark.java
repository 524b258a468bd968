package dev.genserver.benchmarks.baseline;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * JVM floor for W1: {@code submit(...).get()} on a single-thread executor, i.e. a platform
 * caller handing one increment to one platform server thread and waiting for the answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FloorExecutorBenchmark {

    private ExecutorService executor;
    private long counter;

    /** Starts the server thread. */
    @Setup
    public void setUp() {
        executor = Executors.newSingleThreadExecutor();
    }

    /**
     * Stops the server thread.
     *
     * @throws InterruptedException if interrupted while waiting for it
     */
    @TearDown
    public void tearDown() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * One increment on the executor's thread, waited for.
     *
     * @return the new counter value
     * @throws ExecutionException   if the task failed
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    public long w1_platformCaller() throws ExecutionException, InterruptedException {
        return executor.submit(() -> ++counter).get();
    }
}
