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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JVM floor for W2: 2 and 8 platform threads each handing an increment to one single-thread
 * executor and waiting for the answer ({@code submit(...).get()}); the score is the total calls
 * per second. With more callers than cores, every answer must wake a caller that the OS has
 * descheduled: this row shows what that costs on the machine, without any mailbox of ours.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FloorContendedExecutorBenchmark {

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

    private long increment() throws ExecutionException, InterruptedException {
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
    @Threads(2)
    public long w2_callers2() throws ExecutionException, InterruptedException {
        return increment();
    }

    /**
     * One increment, waited for; run by 8 caller threads.
     *
     * @return the new counter value
     * @throws ExecutionException   if the task failed
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @Threads(8)
    public long w2_callers8() throws ExecutionException, InterruptedException {
        return increment();
    }
}
