package dev.genserver.spring.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Passivates idle keyed instances without a timer per instance: every instance with the same
 * idle timeout is linked into one list (intrusively, through its {@link BeanGenServer}), and one
 * periodic sweep walks that list and sends {@link #CHECK} to each instance that has been idle for
 * the timeout. The instance decides on its own thread (it may have received mail meanwhile).
 *
 * <p>Resolution: the sweep runs every quarter of the idle timeout (at least every millisecond,
 * at most every minute), so an instance is passivated between {@code idleTimeout} and
 * {@code idleTimeout} plus that period (for the 30-minute default: within 30 to 31 minutes).
 * The sweep stops while no instance is linked, so an application with no idle keyed instance
 * (or a closed context) runs no periodic task.
 */
final class PassivationSweep {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PassivationSweep.class);

    /** The message a sweep sends to an instance it found idle; handled in {@code handleInfo}. */
    static final Object CHECK = new Object() {
        @Override
        public String toString() {
            return "PassivationCheck";
        }
    };

    private static final Map<Duration, PassivationSweep> SWEEPS = new ConcurrentHashMap<>();
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** One daemon thread for every sweep of the JVM; it only walks lists and sends messages. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "genserver-passivation");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            return e;
        }
    }

    final long idleNanos;
    private final long periodNanos;
    /** The list's sentinel: {@code head.next} is the first instance, {@code head.prev} the last. */
    private final BeanGenServer head = BeanGenServer.sentinel();
    private int size;
    private ScheduledFuture<?> task;

    private PassivationSweep(Duration idleTimeout) {
        this.idleNanos = idleTimeout.toNanos();
        this.periodNanos = Math.min(MAX_PERIOD_NANOS, Math.max(MIN_PERIOD_NANOS, idleNanos / 4));
        head.sweepNext = head;
        head.sweepPrev = head;
    }

    /**
     * Returns the sweep shared by every instance with this idle timeout.
     *
     * @param idleTimeout the idle timeout
     */
    static PassivationSweep of(Duration idleTimeout) {
        PassivationSweep s = SWEEPS.get(idleTimeout);
        return s != null ? s : SWEEPS.computeIfAbsent(idleTimeout, PassivationSweep::new);
    }

    /** Links a started instance (on its own thread, from {@code init}). */
    synchronized void add(BeanGenServer server) {
        if (server.sweepNext != null) {
            return;
        }
        BeanGenServer last = head.sweepPrev;
        server.sweepPrev = last;
        server.sweepNext = head;
        last.sweepNext = server;
        head.sweepPrev = server;
        size++;
        if (task == null) {
            task = Timer.EXECUTOR.scheduleWithFixedDelay(this::sweep, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Unlinks an instance (from {@code terminate}, or by the sweep once it is gone). */
    synchronized void remove(BeanGenServer server) {
        if (server.sweepNext == null) {
            return;
        }
        unlink(server);
        stopIfEmpty();
    }

    private void unlink(BeanGenServer server) {
        server.sweepPrev.sweepNext = server.sweepNext;
        server.sweepNext.sweepPrev = server.sweepPrev;
        server.sweepNext = null;
        server.sweepPrev = null;
        size--;
    }

    private void stopIfEmpty() {
        if (size == 0 && task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /** One pass: asks every instance idle for the timeout to check itself; drops the dead ones. */
    void sweep() {
        List<BeanGenServer> idle = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (BeanGenServer s = head.sweepNext; s != head; ) {
                BeanGenServer next = s.sweepNext;
                if (!s.isAlive()) {
                    unlink(s);
                } else if (s.idleFor(now) >= idleNanos) {
                    idle.add(s);
                }
                s = next;
            }
            stopIfEmpty();
        }
        for (BeanGenServer s : idle) {
            try {
                s.askToCheckPassivation();
            } catch (RuntimeException e) {
                // One instance's failure must not end the periodic task (the executor would drop it).
                log.warn("passivation check of {} failed: {}", s, e.toString(), e);
            }
        }
    }

    /** The number of linked instances (for tests). */
    synchronized int size() {
        return size;
    }
}
