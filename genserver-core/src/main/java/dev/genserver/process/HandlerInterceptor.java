package dev.genserver.process;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes the messages of every server of a {@link ProcessRuntime}: the hook for metrics,
 * tracing and logging context. Registered with {@code ProcessRuntime.addInterceptor}; a runtime
 * with no interceptor pays nothing but a null check per message.
 *
 * <p>The life of a message, as an interceptor sees it:
 * <ol>
 *   <li>{@link #enqueued} runs on the <b>sender's</b> thread just before a call, cast or info
 *       message enters the mailbox. What it returns (a <em>token</em>: the send time, the
 *       caller's trace context) travels with the message.</li>
 *   <li>{@link #beforeHandle} runs on the <b>server's</b> thread right before the callback that
 *       handles the message, with the token; the {@link Scope} it returns is
 *       {@linkplain Scope#end ended} on the same thread right after the callback returned or
 *       threw, before the runtime acts on the result (reply, crash, stop). The other callbacks
 *       ({@code init}, {@code handleContinue}, {@code terminate}) are wrapped the same way, with
 *       no token.</li>
 *   <li>For a call, {@link #callCompleted} runs once, on whatever thread settles it (the reply,
 *       a failure, or the caller giving up), before the caller is woken;
 *       {@link #callSkipped} runs instead of {@code beforeHandle} when a call is dequeued after
 *       its caller has already given up.</li>
 *   <li>{@link #dropped} runs instead of both when a message that got a token leaves the
 *       mailbox without being handled: refused or dropped by a full mailbox, dropped at a
 *       crash, or answered because its server is gone. So every token comes back exactly once,
 *       to {@code beforeHandle}, {@code callSkipped} or {@code dropped}, and a running count of
 *       queued messages stays exact.</li>
 * </ol>
 *
 * <p>Tokens are plain values, so a token must not hold anything that needs closing: a token is
 * not handed back when the interceptors change between a message's send and its end (one
 * registered or removed meanwhile). The token passed back is the one this interceptor returned for that
 * message, if any ({@link Nullable}: none for messages the runtime generates itself, or messages
 * sent before the interceptor was registered); check its type.
 *
 * <p>Every method must be quick and must not block. Exceptions they throw are logged and
 * otherwise ignored: an interceptor can never break message delivery.
 */
public interface HandlerInterceptor {

    /** What a callback is handling. */
    enum Kind {
        /** {@link GenServer#init}. */
        INIT,
        /** {@link GenServer#handleCall}. */
        CALL,
        /** {@link GenServer#handleCast}. */
        CAST,
        /** {@link GenServer#handleInfo}: plain sends, timers, monitors, exit signals, timeouts. */
        INFO,
        /** {@link GenServer#handleContinue}. */
        CONTINUE,
        /** {@link GenServer#terminate}. */
        TERMINATE;

        private final String tag = name().toLowerCase(java.util.Locale.ROOT);

        /**
         * Returns the kind in lower case, as used in meter tags and logs.
         *
         * @return {@code init}, {@code call}, {@code cast}, {@code info}, {@code continue} or {@code terminate}
         */
        public String tag() {
            return tag;
        }

        /**
         * Tells whether this kind is a message taken from the mailbox.
         *
         * @return true for {@link #CALL}, {@link #CAST} and {@link #INFO}
         */
        public boolean isMessage() {
            return this == CALL || this == CAST || this == INFO;
        }
    }

    /** How a call was settled for its caller. */
    enum CallOutcome {
        /** The server replied. */
        REPLIED,
        /** The caller got an exception: the handler threw, no handler, the server stopped, ... */
        FAILED,
        /** The caller gave up first: its timeout expired, or its thread was interrupted. */
        ABANDONED
    }

    /** The end of one callback, returned by {@link #beforeHandle}. */
    @FunctionalInterface
    interface Scope {

        /** A scope that does nothing. */
        Scope NOOP = failure -> {
        };

        /**
         * Called exactly once, on the server's thread, right after the callback returned or threw.
         *
         * @param failure what the callback threw; absent when it returned
         */
        void end(@Nullable Throwable failure);
    }

    /**
     * A message is about to enter {@code server}'s mailbox. Runs on the sender's thread.
     *
     * @param server the recipient
     * @param kind {@link Kind#CALL}, {@link Kind#CAST} or {@link Kind#INFO}
     * @param message the message
     * @return a token handed back with this message, if the interceptor wants one
     */
    default @Nullable Object enqueued(ServerRef server, Kind kind, Object message) {
        return null;
    }

    /**
     * A callback is about to run. Runs on the server's thread.
     *
     * @param server the server
     * @param kind what the callback handles
     * @param message the message, the continue argument, or the exit reason (terminate); absent for init
     * @param token what {@link #enqueued} returned for this message
     * @return the scope ended right after the callback ({@link Scope#NOOP} when there is nothing to end)
     */
    default Scope beforeHandle(ServerRef server, Kind kind, @Nullable Object message, @Nullable Object token) {
        return Scope.NOOP;
    }

    /**
     * A call was settled. Runs once per call, on the thread that settled it, before the caller
     * is woken.
     *
     * @param server the server called
     * @param request the request
     * @param token what {@link #enqueued} returned for this call
     * @param outcome how it was settled
     * @param failure the exception the caller gets when {@link CallOutcome#FAILED}; absent otherwise
     */
    default void callCompleted(ServerRef server, Object request, @Nullable Object token, CallOutcome outcome,
                               @Nullable Throwable failure) {
    }

    /**
     * A call was taken from the mailbox after its caller had given up, and skipped. Runs on the
     * server's thread.
     *
     * @param server the server
     * @param request the request
     * @param token what {@link #enqueued} returned for this call
     */
    default void callSkipped(ServerRef server, Object request, @Nullable Object token) {
    }

    /**
     * A message that {@link #enqueued} gave a token left the mailbox without being handled, and
     * never reaches {@link #beforeHandle} or {@link #callSkipped}: a full mailbox refused it
     * ({@link OverflowPolicy#REJECT}, or {@link OverflowPolicy#BLOCK} after its timeout), dropped
     * it ({@link OverflowPolicy#DROP_NEWEST}) or evicted it for a newer one
     * ({@link OverflowPolicy#DROP_OLDEST}), it was dropped when its server crashed
     * ({@link MailboxOnCrash#DROP}), or its server ended for good before taking it. Called exactly
     * once per such message, and only for messages with a token: a message sent normally and
     * handled never costs this call. Runs on the thread that dropped it: the sender's (full
     * mailbox), the server's, or whichever thread stopped the server. A dropped call is also
     * {@linkplain #callCompleted completed} as failed, unless its caller had given up already.
     *
     * @param server the recipient
     * @param kind {@link Kind#CALL}, {@link Kind#CAST} or {@link Kind#INFO}
     * @param message the message
     * @param token what {@link #enqueued} returned for this message
     * @param why why it was dropped, in words, as in {@link DeadLetter#reason()}
     */
    default void dropped(ServerRef server, Kind kind, Object message, Object token, String why) {
    }

    /**
     * Combines interceptors into one that calls each in order ({@link Scope}s end in reverse
     * order) and contains their exceptions: what a runtime calls.
     *
     * @param interceptors the interceptors, in order
     * @return the combination; absent when there are none (the runtime then skips interception)
     */
    static @Nullable HandlerInterceptor compose(List<? extends HandlerInterceptor> interceptors) {
        Objects.requireNonNull(interceptors, "interceptors");
        if (interceptors.isEmpty()) {
            return null;
        }
        if (interceptors.size() == 1) {
            return new Safe(interceptors.getFirst());
        }
        return new Composite(interceptors.toArray(new HandlerInterceptor[0]));
    }

    /** One interceptor whose exceptions are contained; tokens pass through as they are. */
    final class Safe implements HandlerInterceptor {

        private static final Logger log = LoggerFactory.getLogger(HandlerInterceptor.class);

        private final HandlerInterceptor delegate;

        private Safe(HandlerInterceptor delegate) {
            this.delegate = Objects.requireNonNull(delegate, "interceptor");
        }

        @Override
        public Object enqueued(ServerRef server, Kind kind, Object message) {
            try {
                return delegate.enqueued(server, kind, message);
            } catch (RuntimeException e) {
                log.warn("handler interceptor {} threw in enqueued", delegate, e);
                return null;
            }
        }

        @Override
        public Scope beforeHandle(ServerRef server, Kind kind, Object message, Object token) {
            Scope scope;
            try {
                scope = delegate.beforeHandle(server, kind, message, token instanceof Tokens ? null : token);
            } catch (RuntimeException e) {
                log.warn("handler interceptor {} threw in beforeHandle", delegate, e);
                return Scope.NOOP;
            }
            return scope == null || scope == Scope.NOOP ? Scope.NOOP : failure -> end(scope, failure);
        }

        private void end(Scope scope, Throwable failure) {
            try {
                scope.end(failure);
            } catch (RuntimeException e) {
                log.warn("handler interceptor {} threw in Scope.end", delegate, e);
            }
        }

        @Override
        public void callCompleted(ServerRef server, Object request, Object token, CallOutcome outcome,
                                  Throwable failure) {
            try {
                delegate.callCompleted(server, request, token instanceof Tokens ? null : token, outcome, failure);
            } catch (RuntimeException e) {
                log.warn("handler interceptor {} threw in callCompleted", delegate, e);
            }
        }

        @Override
        public void callSkipped(ServerRef server, Object request, Object token) {
            try {
                delegate.callSkipped(server, request, token instanceof Tokens ? null : token);
            } catch (RuntimeException e) {
                log.warn("handler interceptor {} threw in callSkipped", delegate, e);
            }
        }

        @Override
        public void dropped(ServerRef server, Kind kind, Object message, Object token, String why) {
            if (token == null || token instanceof Tokens) {
                return; // not this interceptor's: none, or a composite's of before a change
            }
            try {
                delegate.dropped(server, kind, message, token, why);
            } catch (RuntimeException e) {
                log.warn("handler interceptor {} threw in dropped", delegate, e);
            }
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }

    /**
     * The tokens of a {@link Composite}, one per interceptor, tagged with their owner.
     *
     * @param owner the composite that made them
     * @param values one token per interceptor, in the composite's order
     */
    record Tokens(Composite owner, Object[] values) {
    }

    /** Several interceptors called in order. */
    final class Composite implements HandlerInterceptor {

        private final Safe[] delegates;

        private Composite(HandlerInterceptor[] interceptors) {
            delegates = new Safe[interceptors.length];
            for (int i = 0; i < interceptors.length; i++) {
                delegates[i] = new Safe(interceptors[i]);
            }
        }

        private Object tokenAt(Object token, int i) {
            return token instanceof Tokens t && t.owner() == this ? t.values()[i] : null;
        }

        @Override
        public Object enqueued(ServerRef server, Kind kind, Object message) {
            Object[] values = null;
            for (int i = 0; i < delegates.length; i++) {
                Object v = delegates[i].enqueued(server, kind, message);
                if (v != null) {
                    if (values == null) {
                        values = new Object[delegates.length];
                    }
                    values[i] = v;
                }
            }
            return values == null ? null : new Tokens(this, values);
        }

        @Override
        public Scope beforeHandle(ServerRef server, Kind kind, Object message, Object token) {
            Scope[] scopes = null;
            for (int i = 0; i < delegates.length; i++) {
                Scope s = delegates[i].beforeHandle(server, kind, message, tokenAt(token, i));
                if (s != Scope.NOOP) {
                    if (scopes == null) {
                        scopes = new Scope[delegates.length];
                    }
                    scopes[i] = s;
                }
            }
            if (scopes == null) {
                return Scope.NOOP;
            }
            Scope[] opened = scopes;
            return failure -> {
                for (int i = opened.length - 1; i >= 0; i--) {
                    if (opened[i] != null) {
                        opened[i].end(failure);
                    }
                }
            };
        }

        @Override
        public void callCompleted(ServerRef server, Object request, Object token, CallOutcome outcome,
                                  Throwable failure) {
            for (int i = 0; i < delegates.length; i++) {
                delegates[i].callCompleted(server, request, tokenAt(token, i), outcome, failure);
            }
        }

        @Override
        public void callSkipped(ServerRef server, Object request, Object token) {
            for (int i = 0; i < delegates.length; i++) {
                delegates[i].callSkipped(server, request, tokenAt(token, i));
            }
        }

        @Override
        public void dropped(ServerRef server, Kind kind, Object message, Object token, String why) {
            for (int i = 0; i < delegates.length; i++) {
                delegates[i].dropped(server, kind, message, tokenAt(token, i), why);
            }
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(delegates);
        }
    }
}
