package dev.genserver.process;

import dev.genserver.process.SystemRequests.Inspection;
import org.jspecify.annotations.Nullable;

/** A user message in a mailbox: a call, a cast or an info message. */
abstract sealed class Envelope permits CallEnvelope, Envelope.Cast, Envelope.Info, Envelope.Sys, Envelope.Stub {

    final Object message;
    /**
     * What the runtime's interceptor captured on the sender's thread, if anything; wrapped in the
     * removal mark once the message was removed from the middle of the queue.
     */
    @Nullable Object token;
    /** The next node of the mailbox's queue ({@link Mailbox}); accessed through its VarHandle. */
    @Nullable Envelope next;

    /** The mark of a message removed from the middle of its queue, holding the interceptor's token. */
    private record Removed(Object token) {
    }

    /** Marks this message removed from its mailbox's queue (under the queue's consumer lock). */
    void markRemoved() {
        token = new Removed(token);
    }

    /** Whether this message was removed from its mailbox's queue: the loop skips it. */
    boolean isRemoved() {
        return token instanceof Removed;
    }

    /** What the interceptor captured when this message was sent, removed or not. */
    Object interceptorToken() {
        return token instanceof Removed r ? r.token() : token;
    }

    Envelope(Object message) {
        this.message = message;
    }

    /** The kind of message, as counted by inspection and metrics. */
    abstract String kind();

    /** Whether a bounded mailbox must take this message even when full, and never evict it. */
    boolean bypassesBound() {
        return false;
    }

    /**
     * An inspection request ({@code :sys}): queued in mailbox order like OTP's system messages,
     * so it sees the effect of everything its sender sent before; a suspended server picks these
     * out of the mailbox and handles nothing else.
     */
    static final class Sys extends Envelope {
        Sys(Inspection request) {
            super(request);
        }

        Inspection request() {
            return (Inspection) message;
        }

        @Override
        String kind() {
            return "system";
        }

        @Override
        boolean bypassesBound() {
            return true;
        }
    }

    /**
     * The mailbox queue's stub node: never a message, never handled. It also holds the consumer's
     * end of the queue, so that the server's writes to it stay off the cache line that senders
     * write ({@link Mailbox}).
     */
    static final class Stub extends Envelope {
        /** The next node to take (this stub when the queue is empty); written under the lock. */
        volatile Envelope head;
        /** 1 while a thread takes messages out: the consumer lock. */
        volatile int consumer;

        Stub() {
            super(null);
            head = this;
        }

        @Override
        String kind() {
            return "stub";
        }
    }

    /** A cast. */
    static final class Cast extends Envelope {
        Cast(Object message) {
            super(message);
        }

        @Override
        String kind() {
            return "cast";
        }
    }

    /**
     * An info message. {@code signal} marks messages the runtime generates (monitors, links,
     * timeouts), which a bounded mailbox never refuses. {@code timeoutGeneration} is set for
     * inactivity timeouts only.
     */
    static final class Info extends Envelope {
        final boolean signal;
        final long timeoutGeneration;

        Info(Object message, boolean signal) {
            this(message, signal, -1);
        }

        Info(Object message, boolean signal, long timeoutGeneration) {
            super(message);
            this.signal = signal;
            this.timeoutGeneration = timeoutGeneration;
        }

        @Override
        String kind() {
            return "info";
        }

        @Override
        boolean bypassesBound() {
            return signal;
        }
    }
}
