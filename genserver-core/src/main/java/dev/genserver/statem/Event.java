package dev.genserver.statem;

import dev.genserver.process.ReplyTo;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a state machine handles: a message from a client, a timeout, or an event it inserted
 * itself (OTP's event type and content in one value). Switch on it together with the state:
 *
 * <pre>{@code
 * return switch (event) {
 *     case Event.Call(Unlock u, ReplyTo from) when state == LOCKED ->
 *             Transition.nextState(OPEN, Action.reply(from, "open"), Action.stateTimeout(ofSeconds(10), "lock"));
 *     case Event.StateTimeout t -> Transition.nextState(LOCKED);
 *     case Event.Cast(Object message) -> Transition.keepState(Action.postpone());
 *     default -> Transition.keepState();
 * };
 * }</pre>
 */
public sealed interface Event {

    /**
     * A request sent with {@code ServerRef.call}; answer it with {@link Action#reply}, now or in a
     * later event (the handle may be kept in the data).
     *
     * @param request the request
     * @param from the caller's reply handle
     */
    record Call(Object request, ReplyTo from) implements Event {
        /**
         * Validates the event.
         *
         * @param request the request
         * @param from the caller's reply handle
         */
        public Call {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * A message sent with {@code ServerRef.cast}.
     *
     * @param message the message
     */
    record Cast(Object message) implements Event {
    }

    /**
     * Any other message: {@code ServerRef.send}, timers of {@code ServerContext.sendAfter},
     * {@code Down}, {@code ExitSignal}.
     *
     * @param message the message
     */
    record Info(Object message) implements Event {
    }

    /**
     * An event the machine inserted with {@link Action#nextEvent(Object)}.
     *
     * @param content what was inserted
     */
    record Internal(@Nullable Object content) implements Event {
    }

    /**
     * The event timeout ({@link Action#eventTimeout}) expired: no event arrived in time.
     *
     * @param content the content given with the timeout
     */
    record EventTimeout(@Nullable Object content) implements Event {
    }

    /**
     * The state timeout ({@link Action#stateTimeout}) expired: the machine stayed in one state
     * that long.
     *
     * @param content the content given with the timeout
     */
    record StateTimeout(@Nullable Object content) implements Event {
    }

    /**
     * A named timeout ({@link Action#timeout}) expired.
     *
     * @param name the timeout's name
     * @param content the content given with the timeout
     */
    record Timeout(Object name, @Nullable Object content) implements Event {
        /**
         * Validates the event.
         *
         * @param name the timeout's name
         * @param content the content
         */
        public Timeout {
            Objects.requireNonNull(name, "name");
        }
    }
}
