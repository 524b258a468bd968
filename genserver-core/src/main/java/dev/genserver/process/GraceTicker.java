package dev.genserver.process;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends the grace periods of a runtime's runners (contract §0.3, {@link ProcessCell}'s run token):
 * a runner waiting for its server's next message parks without a timeout and leaves a ticket
 * here; one periodic tick, running only while some runner waits, wakes the runners whose grace
 * period is over. A timed park per wait would instead put a timer in the JDK's delay scheduler and
 * wake its thread for every wait and every early end of one (W11: about three wake-ups of that
 * thread per keyed activation); the tick costs one wake-up per {@link #TICK_NANOS} however many
 * runners wait.
 */
final class GraceTicker implements Runnable {

    /** How often the tick runs while runners wait: a grace period lasts between it and it plus this. */
    static final long TICK_NANOS = ProcessCell.GRACE_NANOS / 2;

    /** A waiting runner; marked done by the runner when its wait ends, so that the tick skips it. */
    static final class Ticket {
        final Thread runner;
        final long since;
        volatile boolean done;

        Ticket(Thread runner, long since) {
            this.runner = runner;
            this.since = since;
        }
    }

    private final ProcessRuntime runtime;
    /** Tickets in about the order they were taken, so the expired ones are at the head. */
    private final ConcurrentLinkedQueue<Ticket> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean ticking = new AtomicBoolean();

    GraceTicker(ProcessRuntime runtime) {
        this.runtime = runtime;
    }

    /** Records that the calling runner starts waiting now; it marks the ticket done when it stops. */
    Ticket enter(long now) {
        Ticket ticket = new Ticket(Thread.currentThread(), now);
        waiting.offer(ticket);
        if (!ticking.get() && ticking.compareAndSet(false, true)) {
            next();
        }
        return ticket;
    }

    /** The tick: wakes every runner whose grace period is over, then comes back while any waits. */
    @Override
    public void run() {
        long now = System.nanoTime();
        Ticket t;
        while ((t = waiting.peek()) != null && now - t.since >= ProcessCell.GRACE_NANOS) {
            waiting.poll();
            wake(t);
        }
        if (waiting.isEmpty()) {
            ticking.set(false);
            // A ticket taken after the look above found no tick running: keep ticking for it.
            if (waiting.isEmpty() || !ticking.compareAndSet(false, true)) {
                return;
            }
        }
        next();
    }

    private void next() {
        try {
            runtime.schedule(this, Duration.ofNanos(TICK_NANOS));
        } catch (RejectedExecutionException closing) {
            // The runtime is closing and its timers are gone: wake everyone; a runner that finds
            // the runtime closing waits out the rest of its period with a timed park.
            Ticket t;
            while ((t = waiting.poll()) != null) {
                LockSupport.unpark(t.runner);
            }
            ticking.set(false);
        }
    }

    private static void wake(Ticket t) {
        // A runner whose wait ended (a message came) may be waiting again on a newer ticket: leave
        // it be. One that has not parked yet keeps the permit, and finds its period over.
        if (!t.done) {
            LockSupport.unpark(t.runner);
        }
    }
}
