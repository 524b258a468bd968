package dev.genserver.statem;

import dev.genserver.process.ExitReason;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a state machine's callback decided: the next state and data, or stop, with the
 * {@link Action}s to run (OTP's {@code next_state}, {@code keep_state}, {@code repeat_state},
 * {@code stop} and {@code stop_and_reply}).
 *
 * <pre>{@code
 * return Transition.next(PAID, order.paid(payment), Action.reply(from, "ok"));
 * return Transition.keep(order.withNote(note));
 * return Transition.keepState(Action.postpone());
 * return Transition.stop(ExitReason.NORMAL);
 * }</pre>
 *
 * <p>A state changes when the next state is not {@link Object#equals equal} to the current one:
 * only then do postponed events come back, the state timeout is cancelled and the state-enter
 * callback runs ({@link #repeat} runs it without a change).
 *
 * <p>Every factory has a form without actions; it allocates no array, and {@link #keepState()}
 * allocates nothing at all. Transitions are immutable: the actions are copied.
 *
 * @param <S> the state type
 * @param <D> the data type
 */
public final class Transition<S, D> {

    /** Which of OTP's results this is. */
    enum Kind { NEXT, KEEP, REPEAT, STOP }

    /** {@link #data} when the transition keeps the data (a field of its own would cost 8 bytes a transition). */
    private static final Object KEEP_DATA = new Object() {
        @Override
        public String toString() {
            return "the data kept";
        }
    };

    private static final Action[] NO_ACTIONS = {};

    private static final Transition<?, ?> KEEP_STATE_AND_DATA =
            new Transition<>(Kind.KEEP, null, KEEP_DATA, null, NO_ACTIONS);

    private static final Transition<?, ?> REPEAT_STATE_AND_DATA =
            new Transition<>(Kind.REPEAT, null, KEEP_DATA, null, NO_ACTIONS);

    final Kind kind;
    final @Nullable S state;
    /** The new data, or {@link #KEEP_DATA}. */
    private final @Nullable Object data;
    final @Nullable ExitReason reason;
    /** Never changed once built: shared by the factories without actions, copied from the others' arrays. */
    final Action[] actions;

    private Transition(Kind kind, @Nullable S state, @Nullable Object data, @Nullable ExitReason reason,
                       Action[] actions) {
        this.kind = kind;
        this.state = state;
        this.data = data;
        this.reason = reason;
        this.actions = actions;
    }

    /** Whether the transition replaces the data; false keeps it. */
    boolean hasData() {
        return data != KEEP_DATA;
    }

    /** The new data; only when {@link #hasData()}. */
    @SuppressWarnings("unchecked")
    @Nullable D data() {
        return (D) data;
    }

    private static Action[] copy(Action[] actions) {
        if (actions.length == 0) {
            return NO_ACTIONS;
        }
        Action[] copy = actions.clone();
        for (Action a : copy) {
            Objects.requireNonNull(a, "action");
        }
        return copy;
    }

    /**
     * Goes to {@code state} with new data (OTP's {@code next_state}).
     *
     * @param state the next state
     * @param data the new data
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> next(S state, D data) {
        return new Transition<>(Kind.NEXT, Objects.requireNonNull(state, "state"), data, null, NO_ACTIONS);
    }

    /**
     * Goes to {@code state} with new data (OTP's {@code next_state}), with actions.
     *
     * @param state the next state
     * @param data the new data
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> next(S state, D data, Action... actions) {
        return new Transition<>(Kind.NEXT, Objects.requireNonNull(state, "state"), data, null, copy(actions));
    }

    /**
     * Goes to {@code state}, keeping the data.
     *
     * @param state the next state
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> nextState(S state) {
        return new Transition<>(Kind.NEXT, Objects.requireNonNull(state, "state"), KEEP_DATA, null, NO_ACTIONS);
    }

    /**
     * Goes to {@code state}, keeping the data, with actions.
     *
     * @param state the next state
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> nextState(S state, Action... actions) {
        return new Transition<>(Kind.NEXT, Objects.requireNonNull(state, "state"), KEEP_DATA, null, copy(actions));
    }

    /**
     * Stays in the current state with new data (OTP's {@code keep_state}).
     *
     * @param data the new data
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> keep(D data) {
        return new Transition<>(Kind.KEEP, null, data, null, NO_ACTIONS);
    }

    /**
     * Stays in the current state with new data (OTP's {@code keep_state}), with actions.
     *
     * @param data the new data
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> keep(D data, Action... actions) {
        return new Transition<>(Kind.KEEP, null, data, null, copy(actions));
    }

    /**
     * Keeps the state and the data (OTP's {@code keep_state_and_data}); one shared instance.
     *
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    @SuppressWarnings("unchecked")
    public static <S, D> Transition<S, D> keepState() {
        return (Transition<S, D>) KEEP_STATE_AND_DATA;
    }

    /**
     * Keeps the state and the data (OTP's {@code keep_state_and_data}), with actions.
     *
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    @SuppressWarnings("unchecked")
    public static <S, D> Transition<S, D> keepState(Action... actions) {
        return actions.length == 0
                ? (Transition<S, D>) KEEP_STATE_AND_DATA
                : new Transition<>(Kind.KEEP, null, KEEP_DATA, null, copy(actions));
    }

    /**
     * Stays in the current state with new data and runs its state-enter callback again, as if it
     * had just been entered (OTP's {@code repeat_state}); postponed events stay postponed and the
     * state timeout keeps running.
     *
     * @param data the new data
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> repeat(D data) {
        return new Transition<>(Kind.REPEAT, null, data, null, NO_ACTIONS);
    }

    /**
     * Like {@link #repeat(Object)}, with actions.
     *
     * @param data the new data
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> repeat(D data, Action... actions) {
        return new Transition<>(Kind.REPEAT, null, data, null, copy(actions));
    }

    /**
     * Like {@link #repeat(Object)}, keeping the data (OTP's {@code repeat_state_and_data}); one
     * shared instance.
     *
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    @SuppressWarnings("unchecked")
    public static <S, D> Transition<S, D> repeatState() {
        return (Transition<S, D>) REPEAT_STATE_AND_DATA;
    }

    /**
     * Like {@link #repeat(Object)}, keeping the data (OTP's {@code repeat_state_and_data}), with
     * actions.
     *
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    @SuppressWarnings("unchecked")
    public static <S, D> Transition<S, D> repeatState(Action... actions) {
        return actions.length == 0
                ? (Transition<S, D>) REPEAT_STATE_AND_DATA
                : new Transition<>(Kind.REPEAT, null, KEEP_DATA, null, copy(actions));
    }

    /**
     * Stops the machine: terminate runs with the current state and data, then it exits.
     * A caller not answered gets {@code ServerStoppedException}.
     *
     * @param reason the exit reason
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> stop(ExitReason reason) {
        return new Transition<>(Kind.STOP, null, KEEP_DATA, Objects.requireNonNull(reason, "reason"), NO_ACTIONS);
    }

    /**
     * Stops the machine with new data, handed to terminate.
     *
     * @param reason the exit reason
     * @param data the data handed to terminate
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> stop(ExitReason reason, D data) {
        return new Transition<>(Kind.STOP, null, data, Objects.requireNonNull(reason, "reason"), NO_ACTIONS);
    }

    /**
     * Sends the replies, then stops the machine with new data (OTP's {@code stop_and_reply}):
     * the callers get their replies before terminate runs.
     *
     * @param reason the exit reason
     * @param data the data handed to terminate
     * @param replies {@link Action#reply} actions only
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     * @throws IllegalArgumentException if an action is not a reply
     */
    public static <S, D> Transition<S, D> stopAndReply(ExitReason reason, D data, Action... replies) {
        for (Action a : replies) {
            if (!(a instanceof Action.Reply)) {
                throw new IllegalArgumentException("stopAndReply takes reply actions only, not " + a);
            }
        }
        return new Transition<>(Kind.STOP, null, data, Objects.requireNonNull(reason, "reason"), copy(replies));
    }

    @Override
    public String toString() {
        String actionList = Arrays.toString(actions);
        return switch (kind) {
            case NEXT -> "next(" + state + (hasData() ? ", " + data : "") + ", " + actionList + ")";
            case KEEP -> "keep(" + (hasData() ? data + ", " : "") + actionList + ")";
            case REPEAT -> "repeat(" + (hasData() ? data + ", " : "") + actionList + ")";
            case STOP -> "stop(" + reason + ", " + actionList + ")";
        };
    }
}
