package dev.genserver.benchmarks.baseline;

import dev.genserver.benchmarks.support.Sparse;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JVM floor for W1 and W2: {@code submit(...).get()} on a single-thread executor, i.e. platform
 * callers handing one increment each to one platform server thread and waiting for the answer.
 * W2's rows run it from 2 and 8 threads at once (total calls per second): with more callers than
 * cores, every answer must wake a caller the OS has descheduled, and those rows show what that
 * costs on the machine without any mailbox of ours.
 *
 * <p>{@code w10_sparse} is the platform-thread floor of the W10 sparse call: the same hand-off
 * after 1 ms of idleness ({@link Sparse}), when the executor's thread is parked in the kernel:
 * two OS wake-ups per call (server, then caller) and nothing else. Sampled: median and 99th
 * percentile.
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

    /**
     * One increment, waited for; run by 2 caller threads.
     *
     * @return the new counter value
     * @throws ExecutionException   if the task failed
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public long w2_callers2() throws ExecutionException, InterruptedException {
        return w1_platformCaller();
    }

    /**
     * One increment, waited for; run by 8 caller threads.
     *
     * @return the new counter value
     * @throws ExecutionException   if the task failed
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(8)
    public long w2_callers8() throws ExecutionException, InterruptedException {
        return w1_platformCaller();
    }

    /**
     * One increment on the executor's thread after 1 ms of idleness, waited for.
     *
     * @param pause sleeps before each invocation, untimed
     * @return the new counter value
     * @throws ExecutionException   if the task failed
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public long w10_sparse(Sparse pause) throws ExecutionException, InterruptedException {
        return w1_platformCaller();
    }
}
