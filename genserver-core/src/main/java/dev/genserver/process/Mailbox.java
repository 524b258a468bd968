package dev.genserver.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A server's queue of user messages: many producers, one consumer at a time, with an optional
 * bound and overflow policy. Signals ({@link Envelope.Info#signal}) always fit.
 *
 * <p>The queue is intrusive: each {@link Envelope} is its own node ({@link Envelope#next}), so a
 * message costs no node object. Senders append with one atomic exchange of the tail, never a
 * retry loop (Dmitry Vyukov's multi-producer queue, with a stub node put back behind the last
 * message when the queue runs empty). Taking messages out is serialised by a small consumer lock:
 * the server's own loop takes it for each message, and the rare other consumers (answering the
 * queue of a server that died, evicting the oldest message of a full mailbox, a demonitor's flush)
 * take it too. A message removed from the middle is unlinked at once, or, if it is the last node
 * (a sender may be linking behind it), marked removed until the loop takes and skips it.
 *
 * <p>The mailbox half of a {@link ProcessCell}, as its superclass rather than an object of its
 * own: one object per server instead of two saves about 30 bytes on every idle server. A server
 * that was never sent a message has no queue at all: the stub is created by the first message.
 */
abstract sealed class Mailbox permits ProcessCell {

    private static final VarHandle SIZE;
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle STUB;
    private static final VarHandle CONSUMER;
    private static final VarHandle NEXT;
    /** Spins before a thread waiting for the consumer lock, or for a sender's link, yields. */
    private static final int SPINS = 128;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SIZE = l.findVarHandle(Mailbox.class, "size", int.class);
            HEAD = l.findVarHandle(Envelope.Stub.class, "head", Envelope.class);
            TAIL = l.findVarHandle(Mailbox.class, "tail", Envelope.class);
            STUB = l.findVarHandle(Mailbox.class, "stub", Envelope.Stub.class);
            CONSUMER = l.findVarHandle(Envelope.Stub.class, "consumer", int.class);
            NEXT = l.findVarHandle(Envelope.class, "next", Envelope.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The last message appended (or the stub); senders swap it. Absent until the first message. */
    private volatile @Nullable Envelope tail;
    /**
     * The stub node, which also holds the consumer's end of the queue (the head and the consumer
     * lock): in an object of its own, away from the cache line of {@link #tail} that senders
     * write. Absent until the first message.
     */
    private volatile Envelope.@Nullable Stub stub;
    private final MailboxOptions mailboxOptions;
    private final boolean bounded;
    /**
     * Messages queued, counted for bounded mailboxes only. An unbounded mailbox keeps no count:
     * one atomic counter that senders and the server both update on every message would bounce a
     * cache line between their cores; its size is counted on demand instead, as Pekko does.
     */
    private volatile int size;
    /** Only for {@link OverflowPolicy#BLOCK}; absent otherwise, so other mailboxes do not pay for it. */
    private final @Nullable Room room;

    /** Where senders to a full blocking mailbox wait. */
    private static final class Room {
        final ReentrantLock lock = new ReentrantLock();
        final Condition notFull = lock.newCondition();
        volatile int waiting;
    }

    Mailbox(MailboxOptions options) {
        this.mailboxOptions = options;
        this.bounded = options.isBounded();
        this.room = bounded && options.policy() == OverflowPolicy.BLOCK ? new Room() : null;
    }

    /** The server's name, for error messages. */
    public abstract String displayName();

    /** A message that will not be handled: answers a call, dead-letters anything else. */
    abstract void reject(Envelope e, GenServerException error, String why);

    /** A message refused by a full mailbox, thrown back to its sender: only the interceptor hears of it. */
    abstract void refused(Envelope e, String why);

    // ---- the queue ----------------------------------------------------------------------------

    /** Appends {@code e}: one exchange of the tail, then a link from the previous last node. */
    private void append(Envelope e) {
        if (tail == null) {
            createQueue();
        }
        NEXT.set(e, (Envelope) null);
        Envelope previous = (Envelope) TAIL.getAndSet(this, e);
        NEXT.setRelease(previous, e);
    }

    /** The first message creates the stub (its own head); the stub is set before the tail. */
    private void createQueue() {
        if (stub == null) {
            STUB.compareAndSet(this, null, new Envelope.Stub());
        }
        TAIL.compareAndSet(this, null, stub);
    }

    private static void lockConsumer(Envelope.Stub s) {
        if (CONSUMER.compareAndSet(s, 0, 1)) {
            return;
        }
        int spins = 0;
        while (!CONSUMER.compareAndSet(s, 0, 1)) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private static void unlockConsumer(Envelope.Stub s) {
        CONSUMER.setRelease(s, 0);
    }

    /** The node after {@code node} once its sender, which already swapped the tail, has linked it. */
    private static Envelope awaitLink(Envelope node) {
        Envelope next;
        int spins = 0;
        while ((next = (Envelope) NEXT.getAcquire(node)) == null) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return next;
    }

    /** Takes the oldest message that was not removed, if any; under the consumer lock of {@code s}. */
    private @Nullable Envelope takeLocked(Envelope.Stub s) {
        for (;;) {
            Envelope h = s.head;
            Envelope next = (Envelope) NEXT.getAcquire(h);
            if (h == s) {
                if (next == null) {
                    if (tail == h) {
                        return null;
                    }
                    next = awaitLink(h);
                }
                HEAD.setRelease(s, next);
                // Linked already, so no sender writes it again until the stub is appended anew:
                // drop the link, which would otherwise keep a handled message reachable.
                NEXT.set(s, (Envelope) null);
                h = next;
                next = (Envelope) NEXT.getAcquire(h);
            }
            if (next == null) {
                if (tail == h) {
                    // h is the last message: put the stub behind it, so that it can leave.
                    append(s);
                }
                next = awaitLink(h);
            }
            HEAD.setRelease(s, next);
            NEXT.set(h, (Envelope) null);
            if (!h.isRemoved()) {
                return h;
            }
        }
    }

    /**
     * Whether the queue holds nothing. Never says empty while a message is queued; may say
     * non-empty for a moment while one is being taken, or when only removed messages are left.
     */
    private boolean queueEmpty() {
        Envelope t = tail;
        return t == null || t == stub && stub.head == t;
    }

    /** Live messages from the head on, for inspection; stops early if the loop takes them meanwhile. */
    private int countQueued() {
        Envelope.Stub s = stub;
        int n = 0;
        for (Envelope e = s == null ? null : s.head; e != null; e = (Envelope) NEXT.getAcquire(e)) {
            if (!(e instanceof Envelope.Stub) && !e.isRemoved()) {
                n++;
            }
        }
        return n;
    }

    /** Messages queued; for an unbounded mailbox, counted now (linear in the length). */
    int mailboxSize() {
        return bounded ? size : countQueued();
    }

    boolean mailboxEmpty() {
        return bounded ? size == 0 : queueEmpty();
    }

    /**
     * Adds a message, applying the overflow policy.
     *
     * @return true when queued; false when the message itself was dropped (already reported)
     * @throws MailboxFullException under REJECT, or BLOCK after the timeout
     */
    boolean offerMessage(Envelope e) {
        if (!bounded) {
            append(e);
            return true;
        }
        if (e.bypassesBound()) {
            SIZE.getAndAdd(this, 1);
            append(e);
            return true;
        }
        int capacity = mailboxOptions.capacity();
        long deadline = 0L;
        for (;;) {
            int s = size;
            if (s < capacity) {
                if (SIZE.compareAndSet(this, s, s + 1)) {
                    append(e);
                    return true;
                }
                continue;
            }
            switch (mailboxOptions.policy()) {
                case REJECT -> {
                    refused(e, "mailbox full, refused");
                    throw full(e);
                }
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
                        refused(e, "mailbox full, no room within the block timeout");
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

    /** Takes the oldest message, if any. */
    @Nullable Envelope pollMessage() {
        Envelope.Stub s = stub;
        if (s == null) {
            return null;
        }
        Envelope e;
        lockConsumer(s);
        try {
            e = takeLocked(s);
        } finally {
            unlockConsumer(s);
        }
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

    /** Removes and returns the oldest queued message matching {@code filter}, if any. */
    @Nullable Envelope removeFirstMessage(Predicate<Envelope> filter) {
        Envelope.Stub s = stub;
        if (s == null) {
            return null;
        }
        Envelope[] first = new Envelope[1];
        lockConsumer(s);
        try {
            removeLocked(s, filter, 1, first);
        } finally {
            unlockConsumer(s);
        }
        if (first[0] != null) {
            afterRemoval(1);
        }
        return first[0];
    }

    /** Tells whether a queued message matches {@code filter}; true also while a send is half done. */
    boolean hasMessage(Predicate<Envelope> filter) {
        Envelope.Stub s = stub;
        if (s == null) {
            return false;
        }
        lockConsumer(s);
        try {
            Envelope last = null;
            for (Envelope e = s.head; e != null; e = (Envelope) NEXT.getAcquire(e)) {
                if (!(e instanceof Envelope.Stub) && !e.isRemoved() && filter.test(e)) {
                    return true;
                }
                last = e;
            }
            // A walk that stops short of the tail met a sender between its exchange and its
            // link: that message is not visible yet, so say yes and let the loop look again.
            return last != tail;
        } finally {
            unlockConsumer(s);
        }
    }

    /** Removes every queued message matching {@code filter}; returns how many. */
    int removeMessages(Predicate<Envelope> filter) {
        Envelope.Stub s = stub;
        if (s == null) {
            return 0;
        }
        int removed;
        lockConsumer(s);
        try {
            removed = removeLocked(s, filter, Integer.MAX_VALUE, null);
        } finally {
            unlockConsumer(s);
        }
        if (removed > 0) {
            afterRemoval(removed);
        }
        return removed;
    }

    /**
     * Under the consumer lock: marks up to {@code limit} live messages matching {@code filter}
     * removed, oldest first, and unlinks every removed message it passes that has a successor.
     * Only the last node cannot be unlinked (a sender may be linking behind it); it stays marked
     * until the loop takes it. So removed messages do not pile up in the queue.
     *
     * @param first if not null, receives the first message marked
     * @return how many were marked
     */
    private int removeLocked(Envelope.Stub s, Predicate<Envelope> filter, int limit, Envelope[] first) {
        int marked = 0;
        Envelope previous = null;
        Envelope e = s.head;
        while (e != null) {
            Envelope next = (Envelope) NEXT.getAcquire(e);
            if (!(e instanceof Envelope.Stub)) {
                if (marked < limit && !e.isRemoved() && filter.test(e)) {
                    e.markRemoved();
                    if (marked++ == 0 && first != null) {
                        first[0] = e;
                    }
                }
                if (e.isRemoved() && next != null) {
                    // Linked behind already: no sender writes e.next again, so e can leave.
                    if (previous == null) {
                        HEAD.setRelease(s, next);
                    } else {
                        NEXT.setRelease(previous, next);
                    }
                    NEXT.set(e, (Envelope) null);
                    e = next;
                    if (marked >= limit) {
                        return marked;
                    }
                    continue;
                }
            }
            if (marked >= limit) {
                return marked;
            }
            previous = e;
            e = next;
        }
        return marked;
    }

    private void afterRemoval(int removed) {
        if (bounded) {
            SIZE.getAndAdd(this, -removed);
        }
        if (room != null && room.waiting > 0) {
            signalRoom();
        }
    }
}
