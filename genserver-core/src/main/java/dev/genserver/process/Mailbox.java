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
 *
 * <p>The mailbox half of a {@link ProcessCell}, as its superclass rather than an object of its
 * own: one object per server instead of two saves about 30 bytes on every idle server.
 */
abstract sealed class Mailbox permits ProcessCell {

    private static final VarHandle SIZE;
    private static final VarHandle QUEUE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SIZE = l.findVarHandle(Mailbox.class, "size", int.class);
            QUEUE = l.findVarHandle(Mailbox.class, "queue", ConcurrentLinkedQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Created by the first message: a server that was never sent one does not pay for its nodes. */
    private volatile ConcurrentLinkedQueue<Envelope> queue;
    private final MailboxOptions mailboxOptions;
    private final boolean bounded;
    /**
     * Messages queued, counted for bounded mailboxes only. An unbounded mailbox keeps no count:
     * one atomic counter that senders and the server both update on every message would bounce a
     * cache line between their cores; its size is counted on demand instead, as Pekko does.
     */
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
        this.mailboxOptions = options;
        this.bounded = options.isBounded();
        this.room = mailboxOptions.policy() == OverflowPolicy.BLOCK && mailboxOptions.isBounded() ? new Room() : null;
    }

    /** The server's name, for error messages. */
    public abstract String displayName();

    /** A message that will not be handled: answers a call, dead-letters anything else. */
    abstract void reject(Envelope e, GenServerException error, String why);

    private ConcurrentLinkedQueue<Envelope> queue() {
        ConcurrentLinkedQueue<Envelope> q = queue;
        if (q == null) {
            QUEUE.compareAndSet(this, null, new ConcurrentLinkedQueue<Envelope>());
            q = queue;
        }
        return q;
    }

    /** Messages queued; for an unbounded mailbox, counted now (linear in the size). */
    int mailboxSize() {
        if (bounded) {
            return size;
        }
        ConcurrentLinkedQueue<Envelope> q = queue;
        return q == null ? 0 : q.size();
    }

    boolean mailboxEmpty() {
        if (bounded) {
            return size == 0;
        }
        ConcurrentLinkedQueue<Envelope> q = queue;
        return q == null || q.isEmpty();
    }

    /**
     * Adds a message, applying the overflow policy.
     *
     * @return true when queued; false when the message itself was dropped (already reported)
     * @throws MailboxFullException under REJECT, or BLOCK after the timeout
     */
    boolean offerMessage(Envelope e) {
        if (!bounded) {
            queue().offer(e);
            return true;
        }
        if (e.bypassesBound()) {
            SIZE.getAndAdd(this, 1);
            queue().offer(e);
            return true;
        }
        int capacity = mailboxOptions.capacity();
        long deadline = 0L;
        for (;;) {
            int s = size;
            if (s < capacity) {
                if (SIZE.compareAndSet(this, s, s + 1)) {
                    queue().offer(e);
                    return true;
                }
                continue;
            }
            switch (mailboxOptions.policy()) {
                case REJECT -> throw full(e);
                case DROP_NEWEST -> {
                    reject(e, full(e), "mailbox full, dropped newest");
                    return false;
                }
                case DROP_OLDEST -> {
                    Envelope oldest = removeFirstMessage(m -> !m.bypassesBound());
                    if (oldest != null) {
                        reject(oldest, full(oldest), "mailbox full, dropped oldest");
                    } else {
                        // Full of signals only, which are never evicted: the newcomer is dropped.
                        reject(e, full(e), "mailbox full of signals, dropped newest");
                        return false;
                    }
                }
                case BLOCK -> {
                    if (deadline == 0L) {
                        deadline = System.nanoTime() + CallEnvelope.saturatedNanos(mailboxOptions.blockTimeout());
                    }
                    if (!awaitRoom(deadline)) {
                        throw full(e);
                    }
                }
            }
        }
    }

    private MailboxFullException full(Envelope e) {
        return new MailboxFullException(displayName(), GenServerException.typeOf(e.message),
                mailboxOptions.capacity(), mailboxOptions.policy());
    }

    private boolean awaitRoom(long deadline) {
        room.lock.lock();
        try {
            room.waiting++;
            try {
                while (size >= mailboxOptions.capacity()) {
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

    Envelope pollMessage() {
        ConcurrentLinkedQueue<Envelope> q = queue;
        Envelope e = q == null ? null : q.poll();
        if (e != null && bounded) {
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
    Envelope removeFirstMessage(Predicate<Envelope> filter) {
        ConcurrentLinkedQueue<Envelope> queue = this.queue;
        if (queue == null) {
            return null;
        }
        for (Envelope e : queue) {
            if (filter.test(e) && queue.remove(e)) {
                if (bounded) {
                    SIZE.getAndAdd(this, -1);
                }
                if (room != null && room.waiting > 0) {
                    signalRoom();
                }
                return e;
            }
        }
        return null;
    }

    /** Tells whether a queued message matches {@code filter}. */
    boolean hasMessage(Predicate<Envelope> filter) {
        ConcurrentLinkedQueue<Envelope> queue = this.queue;
        if (queue == null) {
            return false;
        }
        for (Envelope e : queue) {
            if (filter.test(e)) {
                return true;
            }
        }
        return false;
    }

    /** Removes every queued message matching {@code filter}; returns how many. */
    int removeMessages(Predicate<Envelope> filter) {
        ConcurrentLinkedQueue<Envelope> queue = this.queue;
        if (queue == null) {
            return 0;
        }
        int removed = 0;
        for (var it = queue.iterator(); it.hasNext(); ) {
            Envelope e = it.next();
            if (filter.test(e) && queue.remove(e)) {
                if (bounded) {
                    SIZE.getAndAdd(this, -1);
                }
                removed++;
            }
        }
        if (removed > 0 && room != null && room.waiting > 0) {
            signalRoom();
        }
        return removed;
    }
}
