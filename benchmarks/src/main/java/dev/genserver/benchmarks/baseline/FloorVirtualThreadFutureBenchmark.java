package dev.genserver.benchmarks.baseline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JVM floor for W15: start a virtual thread that completes a {@link CompletableFuture}, and wait
 * for it, as a task started and awaited from outside a server does plus the task's own
 * bookkeeping (its supervisor, its result as a value, its cancellation). Same JMH configuration
 * as {@code OursTaskBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FloorVirtualThreadFutureBenchmark {

    /**
     * A virtual thread completes a future; the caller waits for it.
     *
     * @return the value
     * @throws Exception never in practice
     */
    @Benchmark
    public Integer w15_await() throws Exception {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> f.complete(42));
        return f.get(30, TimeUnit.SECONDS);
    }
}
