package dev.genserver.statem;

import dev.genserver.process.ReplyTo;
import dev.genserver.process.ServerRef;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a state machine does besides changing state and data (OTP's transition actions): answer a
 * caller, postpone the event, insert events, start or cancel timeouts, hibernate. Actions run in
 * the order given; for timeouts of one kind (one name), the last one wins.
 *
 * <pre>{@code
 * return Transition.nextState(OPEN,
 *         Action.reply(from, "open"),
 *         Action.stateTimeout(Duration.ofSeconds(10), "relock"));
 * }</pre>
 */
public sealed interface Action {

    /**
     * Answers a caller. The handle comes from an {@link Event.Call}, now or earlier.
     *
     * @param to the caller
     * @param value the reply ({@code null} included)
     * @return the action
     */
    static Action reply(ReplyTo to, @Nullable Object value) {
        return new Reply(to, value);
    }

    /**
     * Keeps the current event for later: it is handled again, before any newer message, after the
     * next change of state (contract §14.4). Not allowed in a state-enter callback.
     *
     * @return the action
     */
    static Action postpone() {
        return Postpone.INSTANCE;
    }

    /**
     * Inserts an {@link Event.Internal} event, handled before any queued message.
     *
     * @param content the content
     * @return the action
     */
    static Action nextEvent(@Nullable Object content) {
        return new NextEvent(new Event.Internal(content));
    }

    /**
     * Inserts an event of any type (a cast, a call with its reply handle, a timeout...), handled
     * before any queued message.
     *
     * @param event the event
     * @return the action
     */
    static Action nextEvent(Event event) {
        return new NextEvent(event);
    }

    /**
     * Starts the event timeout: {@link Event.EventTimeout} unless another event arrives first. Any
     * event cancels it; it is not even started when events are already queued. {@link Duration#ZERO}
     * fires before any message not yet received; {@link ServerRef#INFINITY} cancels.
     *
     * @param after how long to wait for an event
     * @param content the content of the timeout event
     * @return the action
     */
    static Action eventTimeout(Duration after, @Nullable Object content) {
        return new SetTimeout(Kind.EVENT, null, after, content);
    }

    /**
     * Starts (or restarts) the state timeout: {@link Event.StateTimeout} if the machine is still
     * in the same state after {@code after}. A change of state cancels it; set in a transition that
     * changes state, it belongs to the new state. {@link ServerRef#INFINITY} cancels.
     *
     * @param after how long the machine may stay in this state
     * @param content the content of the timeout event
     * @return the action
     */
    static Action stateTimeout(Duration after, @Nullable Object content) {
        return new SetTimeout(Kind.STATE, null, after, content);
    }

    /**
     * Starts (or restarts) the named timeout {@code name}: {@link Event.Timeout} after
     * {@code after}, whatever the machine does meanwhile. {@link ServerRef#INFINITY} cancels.
     *
     * @param name the timeout's name; one timer per name
     * @param after the delay
     * @param content the content of the timeout event
     * @return the action
     */
    static Action timeout(Object name, Duration after, @Nullable Object content) {
        return new SetTimeout(Kind.NAMED, Objects.requireNonNull(name, "name"), after, content);
    }

    /**
     * Cancels the event timeout.
     *
     * @return the action
     */
    static Action cancelEventTimeout() {
        return new CancelTimeout(Kind.EVENT, null);
    }

    /**
     * Cancels the state timeout.
     *
     * @return the action
     */
    static Action cancelStateTimeout() {
        return new CancelTimeout(Kind.STATE, null);
    }

    /**
     * Cancels the named timeout {@code name}; nothing happens if it is not running.
     *
     * @param name the timeout's name
     * @return the action
     */
    static Action cancelTimeout(Object name) {
        return new CancelTimeout(Kind.NAMED, Objects.requireNonNull(name, "name"));
    }

    /**
     * Releases what the idle machine holds until the next message (the server's hibernate).
     *
     * @return the action
     */
    static Action hibernate() {
        return Hibernate.INSTANCE;
    }

    /** The three kinds of timeouts. */
    enum Kind {
        /** Cancelled by any event. */
        EVENT,
        /** Cancelled by a change of state. */
        STATE,
        /** One per name, cancelled only explicitly. */
        NAMED
    }

    /**
     * Answers a caller.
     *
     * @param to the caller
     * @param value the reply
     */
    record Reply(ReplyTo to, @Nullable Object value) implements Action {
        /**
         * Validates the action.
         *
         * @param to the caller
         * @param value the reply
         */
        public Reply {
            Objects.requireNonNull(to, "to");
        }
    }

    /** Postpones the current event until the state changes. */
    record Postpone() implements Action {
        static final Postpone INSTANCE = new Postpone();
    }

    /**
     * Inserts an event.
     *
     * @param event the event
     */
    record NextEvent(Event event) implements Action {
        /**
         * Validates the action.
         *
         * @param event the event
         */
        public NextEvent {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Starts a timeout.
     *
     * @param kind event, state or named
     * @param name the name of a named timeout; null for the others
     * @param after the delay, zero or more; {@link ServerRef#INFINITY} cancels
     * @param content the content of the timeout event
     */
    record SetTimeout(Kind kind, @Nullable Object name, Duration after, @Nullable Object content) implements Action {
        /**
         * Validates the action.
         *
         * @param kind the kind
         * @param name the name
         * @param after the delay
         * @param content the content
         */
        public SetTimeout {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(after, "after");
            if (after.isNegative()) {
                throw new IllegalArgumentException(kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " timeout must not be negative: " + after);
            }
        }
    }

    /**
     * Cancels a timeout.
     *
     * @param kind event, state or named
     * @param name the name of a named timeout; null for the others
     */
    record CancelTimeout(Kind kind, @Nullable Object name) implements Action {
        /**
         * Validates the action.
         *
         * @param kind the kind
         * @param name the name
         */
        public CancelTimeout {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Hibernates the idle machine. */
    record Hibernate() implements Action {
        static final Hibernate INSTANCE = new Hibernate();
    }
}
