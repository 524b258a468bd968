package dev.genserver.benchmarks.footprint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * JVM floor: the naive virtual-thread mailbox, idle. Each server is one virtual thread parked in
 * {@code take()} on its own {@link LinkedBlockingQueue}.
 */
public final class VirtualThreadIdleSpawner implements IdleSpawner {

    private final List<Thread> threads = new ArrayList<>();

    /** Nothing to start: virtual threads need no runtime of their own. */
    public VirtualThreadIdleSpawner() {
    }

    @Override
    public void spawn(int n) throws Exception {
        CountDownLatch parked = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                LinkedBlockingQueue<Object> mailbox = new LinkedBlockingQueue<>();
                parked.countDown();
                try {
                    mailbox.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        if (!parked.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("threads did not start: " + parked.getCount() + " left");
        }
    }

    @Override
    public void shutdown() throws Exception {
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join();
        }
        threads.clear();
    }
}
