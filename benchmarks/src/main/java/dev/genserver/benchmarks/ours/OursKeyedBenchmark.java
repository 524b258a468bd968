package dev.genserver.benchmarks.ours;

import dev.genserver.benchmarks.ours.OursFanOutBenchmark.Caller;
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
 * W9, ours: keyed servers ({@link KeyedCounters}: a counter per key, started on demand under a
 * {@code DynamicSupervisor} and named through a {@code Registry}). The setup touches 100k keys once
 * (each touch starts the key's server and calls it); the benchmark then calls random keys, each
 * access a registry lookup (get-or-start) plus the call. Same callers ({@value OursFanOutBenchmark#CALLERS}
 * threads, each with its own random sequence) and JMH configuration as {@code OursFanOutBenchmark}
 * (W4), whose calls/s it must reach. The heap of the 100k keyed servers is the "W9 keyedHeap" row,
 * measured by the footprint harness ({@code OursKeyedSpawner}) in a fresh {@code -Xmx1g} JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OursKeyedBenchmark {

    /** Keys touched in the setup, then accessed at random. */
    public static final int KEYS = 100_000;

    private KeyedCounters keyed;

    /** Starts one runtime per trial and touches every key once. */
    @Setup
    public void setUp() {
        keyed = new KeyedCounters();
        for (int i = 0; i < KEYS; i++) {
            keyed.increment(KeyedCounters.key(i));
        }
        if (keyed.count() != KEYS) {
            throw new IllegalStateException("expected " + KEYS + " keyed servers, found " + keyed.count());
        }
    }

    /** Closes the runtime. */
    @TearDown
    public void tearDown() {
        if (keyed != null) {
            keyed.close();
        }
    }

    /**
     * One call to the server of a random key.
     *
     * @param caller the calling thread's random sequence
     * @return the server's new value
     */
    @Benchmark
    @Threads(OursFanOutBenchmark.CALLERS)
    public long w9_randomAccess(Caller caller) {
        return keyed.increment(KeyedCounters.key(caller.next(KEYS)));
    }
}
