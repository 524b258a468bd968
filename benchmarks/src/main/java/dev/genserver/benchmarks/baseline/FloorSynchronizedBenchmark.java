package dev.genserver.benchmarks.baseline;

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
 * JVM floor for W1: an uncontended {@code synchronized} increment, the cheapest possible
 * "one handler at a time" round trip (no thread hop at all).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FloorSynchronizedBenchmark {

    private final Object lock = new Object();
    private long counter;

    /**
     * One locked increment from the benchmark's platform thread.
     *
     * @return the new counter value
     */
    @Benchmark
    public long w1_platformCaller() {
        synchronized (lock) {
            return ++counter;
        }
    }
}
