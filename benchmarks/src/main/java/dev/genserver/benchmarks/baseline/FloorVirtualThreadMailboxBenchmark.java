package dev.genserver.benchmarks.baseline;

import dev.genserver.benchmarks.support.Sparse;
import dev.genserver.benchmarks.support.VirtualCaller;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
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
 * JVM floor for W1: the naive virtual-thread mailbox. A virtual thread takes requests from a
 * {@link LinkedBlockingQueue} and completes each request's {@link CompletableFuture}; the caller
 * puts a request and blocks on {@code get()}. This is what a GenServer on virtual threads costs
 * with no cleverness at all.
 *
 * <p>{@code w10_sparse} is the floor of the W10 sparse call: the same call after 1 ms of
 * idleness ({@link Sparse}), when the server's virtual thread is parked in {@code take()} and the
 * carrier pool has gone to sleep, so the call pays for waking a carrier, mounting the virtual thread,
 * and waking the parked platform caller. Sampled: median and 99th percentile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FloorVirtualThreadMailboxBenchmark {

    private record Request(CompletableFuture<Long> reply) {
    }

    private static final Request STOP = new Request(null);

    private final BlockingQueue<Request> mailbox = new LinkedBlockingQueue<>();
    private Thread server;

    /** Starts the virtual-thread server. */
    @Setup
    public void setUp() {
        server = Thread.ofVirtual().name("floor-mailbox").start(() -> {
            long counter = 0;
            try {
                while (true) {
                    Request r = mailbox.take();
                    if (r == STOP) {
                        return;
                    }
                    r.reply().complete(++counter);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Stops the server and waits for it.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @TearDown
    public void tearDown() throws InterruptedException {
        mailbox.put(STOP);
        server.join(10_000);
    }

    private long call() throws Exception {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        mailbox.put(new Request(reply));
        return reply.get();
    }

    /**
     * One call from the benchmark's platform thread into the virtual-thread server.
     *
     * @return the new counter value
     * @throws Exception if the call failed
     */
    @Benchmark
    public long w1_platformCaller() throws Exception {
        return call();
    }

    /**
     * {@link VirtualCaller#BATCH} sequential calls from one virtual thread.
     *
     * @return the sum of the replies
     * @throws Exception if a call failed
     */
    @Benchmark
    @OperationsPerInvocation(VirtualCaller.BATCH)
    public long w1_virtualCaller() throws Exception {
        return VirtualCaller.run(VirtualCaller.BATCH, this::call);
    }

    /**
     * One call after 1 ms of idleness.
     *
     * @param pause sleeps before each invocation, untimed
     * @return the new counter value
     * @throws Exception if the call failed
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public long w10_sparse(Sparse pause) throws Exception {
        return call();
    }
}
