package dev.genserver.benchmarks.support;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a batch of calls from a virtual thread, for the "virtual-thread caller" variants of W1.
 *
 * <p>JMH drives benchmarks from platform threads. To measure a caller that is a virtual thread,
 * a benchmark method starts one virtual thread that makes {@code n} sequential calls, joins it,
 * and declares {@code @OperationsPerInvocation(n)}; the cost of starting and joining the virtual
 * thread is spread over the batch (about 1 µs over {@link #BATCH} calls).
 */
public final class VirtualCaller {

    /** Calls per virtual-thread batch; use it as the benchmark's {@code @OperationsPerInvocation}. */
    public static final int BATCH = 1_000;

    private VirtualCaller() {
    }

    /**
     * Makes {@code n} sequential calls from one new virtual thread and waits for it.
     *
     * @param n    number of calls
     * @param call one call; its result is summed so that the JIT cannot drop it
     * @return the sum of all results
     * @throws Exception the first exception a call threw, or an interruption while waiting
     */
    public static long run(int n, Callable<? extends Number> call) throws Exception {
        AtomicLong sum = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            long s = 0;
            try {
                for (int i = 0; i < n; i++) {
                    s += call.call().longValue();
                }
            } catch (Exception e) {
                failure.set(e);
            }
            sum.set(s);
        });
        caller.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return sum.get();
    }
}
