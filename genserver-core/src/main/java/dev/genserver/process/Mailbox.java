package dev.genserver.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A server's queue of user messages: lock-free, many producers, with an optional bound and
 * overflow policy. Signals ({@link Envelope.Info#signal}) always fit.
 */
final class Mailbox {

    private static final VarHandle SIZE;

    static {
        try {
            SIZE = MethodHandles.lookup().findVarHandle(Mailbox.class, "size", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();
    private final MailboxOptions options;
    private volatile int size;
    /** Only for {@link OverflowPolicy#BLOCK}; null otherwise, so other mailboxes do not pay for it. */
    private final Room room;

    /** Where senders to a full blocking mailbox wait. */
    private static final class Room {
        final ReentrantLock lock = new ReentrantLock();
        final Condition notFull = lock.newCondition();
        volatile int waiting;
    }

    Mailbox(MailboxOptions options) {
        this.options = options;
        this.room = options.policy() == OverflowPolicy.BLOCK && options.isBounded() ? new Room() : null;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Adds a message, applying the overflow policy.
     *
     * @param cell the owner, for error messages and dead letters
     * @return true when queued; false when the message itself was dropped (already reported)
     * @throws MailboxFullException under REJECT, or BLOCK after the timeout
     */
    boolean offer(Envelope e, ProcessCell cell) {
        if (!options.isBounded() || e.bypassesBound()) {
            SIZE.getAndAdd(this, 1);
            queue.offer(e);
            return true;
        }
        int capacity = options.capacity();
        long deadline = 0L;
        for (;;) {
            int s = size;
            if (s < capacity) {
                if (SIZE.compareAndSet(this, s, s + 1)) {
                    queue.offer(e);
                    return true;
                }
                continue;
            }
            switch (options.policy()) {
                case REJECT -> throw full(cell, e);
                case DROP_NEWEST -> {
                    cell.reject(e, full(cell, e), "mailbox full, dropped newest");
                    return false;
                }
                case DROP_OLDEST -> {
                    Envelope oldest = removeFirst(m -> !m.bypassesBound());
                    if (oldest != null) {
                        cell.reject(oldest, full(cell, oldest), "mailbox full, dropped oldest");
                    } else {
                        // Full of signals only, which are never evicted: the newcomer is dropped.
                        cell.reject(e, full(cell, e), "mailbox full of signals, dropped newest");
                        return false;
                    }
                }
                case BLOCK -> {
                    if (deadline == 0L) {
                        deadline = System.nanoTime() + CallEnvelope.saturatedNanos(options.blockTimeout());
                    }
                    if (!awaitRoom(deadline)) {
                        throw full(cell, e);
                    }
                }
            }
        }
    }

    private MailboxFullException full(ProcessCell cell, Envelope e) {
        return new MailboxFullException(cell.displayName(), GenServerException.typeOf(e.message),
                options.capacity(), options.policy());
    }

    private boolean awaitRoom(long deadline) {
        room.lock.lock();
        try {
            room.waiting++;
            try {
                while (size >= options.capacity()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    room.notFull.awaitNanos(left);
                }
                return true;
            } finally {
                room.waiting--;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            room.lock.unlock();
        }
    }

    Envelope poll() {
        Envelope e = queue.poll();
        if (e != null) {
            SIZE.getAndAdd(this, -1);
            if (room != null && room.waiting > 0) {
                signalRoom();
            }
        }
        return e;
    }

    private void signalRoom() {
        room.lock.lock();
        try {
            room.notFull.signalAll();
        } finally {
            room.lock.unlock();
        }
    }

    /** Removes and returns the oldest queued message matching {@code filter}, or null. */
    Envelope removeFirst(Predicate<Envelope> filter) {
        for (Envelope e : queue) {
            if (filter.test(e) && queue.remove(e)) {
                SIZE.getAndAdd(this, -1);
                if (room != null && room.waiting > 0) {
                    signalRoom();
                }
                return e;
            }
        }
        return null;
    }

    /** Tells whether a queued message matches {@code filter}. */
    boolean contains(Predicate<Envelope> filter) {
        for (Envelope e : queue) {
            if (filter.test(e)) {
                return true;
            }
        }
        return false;
    }

    /** Removes every queued message matching {@code filter}; returns how many. */
    int removeIf(Predicate<Envelope> filter) {
        int removed = 0;
        for (var it = queue.iterator(); it.hasNext(); ) {
            Envelope e = it.next();
            if (filter.test(e) && queue.remove(e)) {
                SIZE.getAndAdd(this, -1);
                removed++;
            }
        }
        if (removed > 0 && room != null && room.waiting > 0) {
            signalRoom();
        }
        return removed;
    }
}
