package dev.genserver.benchmarks.baseline;

import java.util.concurrent.ConcurrentLinkedQueue;
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
 * JVM floor for W3: one sender offers 1M messages to a {@code ConcurrentLinkedQueue} that a
 * dedicated platform thread polls without ever parking, counting them; the sender then waits until
 * all were counted. No envelope, no handler, no state, no scheduling: the cost of moving a message
 * between two cores through a linked queue, which any mailbox pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class FloorQueueBenchmark {

    /** Messages per batch, as in W3. */
    public static final int CASTS = 1_000_000;

    private static final Object MESSAGE = new Object();

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private volatile long consumed;
    private volatile boolean running;
    private Thread consumer;

    /** Starts the consumer thread. */
    @Setup
    public void setUp() {
        running = true;
        consumer = Thread.ofPlatform().name("floor-queue-consumer").start(() -> {
            long count = 0;
            while (running) {
                if (queue.poll() != null) {
                    consumed = ++count;
                } else {
                    Thread.onSpinWait();
                }
            }
        });
    }

    /**
     * Stops the consumer thread.
     *
     * @throws InterruptedException if interrupted while waiting for it
     */
    @TearDown
    public void tearDown() throws InterruptedException {
        running = false;
        consumer.join();
    }

    /**
     * 1M offers, then a wait until the consumer counted all of them.
     *
     * @return the consumer's count
     */
    @Benchmark
    @OperationsPerInvocation(CASTS)
    public long w3_cast() {
        long target = consumed + CASTS;
        for (int i = 0; i < CASTS; i++) {
            queue.offer(MESSAGE);
        }
        long seen;
        while ((seen = consumed) < target) {
            Thread.onSpinWait();
        }
        return seen;
    }
}
