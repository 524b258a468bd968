package dev.genserver.cluster;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the thread that delivers a batch waits for the replies of its calls (to carry them back
 * with the batch's answer): it spins, then yields, then parks. A fast handler's reply arrives
 * within microseconds of the call reaching its mailbox, so most waits end before the thread parks
 * and the reply costs no wake-up of this thread; a slow one is waited for in a park, up to the
 * bound, then the reply travels on its own.
 */
final class ReplyWait {

    /** Spin this long first: about what a woken server needs to handle a short call. */
    private static final long SPIN_NANOS = 20_000;
    /** Then yield the core up to this long (to the server's carrier, when they share a core). */
    private static final long YIELD_NANOS = 50_000;

    private ReplyWait() {
    }

    /**
     * Waits until {@code latch} reaches zero or {@code timeoutNanos} passed.
     *
     * @return true if it reached zero
     */
    static boolean await(CountDownLatch latch, long timeoutNanos) throws InterruptedException {
        long start = System.nanoTime();
        long elapsed = 0;
        while (latch.getCount() > 0 && elapsed < Math.min(SPIN_NANOS, timeoutNanos)) {
            Thread.onSpinWait();
            elapsed = System.nanoTime() - start;
        }
        while (latch.getCount() > 0 && elapsed < Math.min(SPIN_NANOS + YIELD_NANOS, timeoutNanos)) {
            Thread.yield();
            elapsed = System.nanoTime() - start;
        }
        return latch.getCount() == 0 || latch.await(timeoutNanos - elapsed, TimeUnit.NANOSECONDS);
    }
}
