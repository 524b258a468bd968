package dev.genserver.statem;

import dev.genserver.process.ExitReason;
import java.util.List;
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
 * @param <S> the state type
 * @param <D> the data type
 */
public final class Transition<S, D> {

    /** Which of OTP's results this is. */
    enum Kind { NEXT, KEEP, REPEAT, STOP }

    private static final Transition<?, ?> KEEP_STATE_AND_DATA =
            new Transition<>(Kind.KEEP, null, null, false, null, List.of());

    final Kind kind;
    final @Nullable S state;
    final @Nullable D data;
    /** Whether {@link #data} replaces the data; false keeps it. */
    final boolean hasData;
    final @Nullable ExitReason reason;
    final List<Action> actions;

    private Transition(Kind kind, @Nullable S state, @Nullable D data, boolean hasData, @Nullable ExitReason reason,
                       List<Action> actions) {
        this.kind = kind;
        this.state = state;
        this.data = data;
        this.hasData = hasData;
        this.reason = reason;
        this.actions = actions;
    }

    private static List<Action> list(Action[] actions) {
        return actions.length == 0 ? List.of() : List.of(actions);
    }

    /**
     * Goes to {@code state} with new data (OTP's {@code next_state}).
     *
     * @param state the next state
     * @param data the new data
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> next(S state, D data, Action... actions) {
        return new Transition<>(Kind.NEXT, Objects.requireNonNull(state, "state"), data, true, null, list(actions));
    }

    /**
     * Goes to {@code state}, keeping the data.
     *
     * @param state the next state
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> nextState(S state, Action... actions) {
        return new Transition<>(Kind.NEXT, Objects.requireNonNull(state, "state"), null, false, null, list(actions));
    }

    /**
     * Stays in the current state with new data (OTP's {@code keep_state}).
     *
     * @param data the new data
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> keep(D data, Action... actions) {
        return new Transition<>(Kind.KEEP, null, data, true, null, list(actions));
    }

    /**
     * Keeps the state and the data (OTP's {@code keep_state_and_data}).
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
                : new Transition<>(Kind.KEEP, null, null, false, null, list(actions));
    }

    /**
     * Stays in the current state with new data and runs its state-enter callback again, as if it
     * had just been entered (OTP's {@code repeat_state}); postponed events stay postponed and the
     * state timeout keeps running.
     *
     * @param data the new data
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> repeat(D data, Action... actions) {
        return new Transition<>(Kind.REPEAT, null, data, true, null, list(actions));
    }

    /**
     * Like {@link #repeat}, keeping the data (OTP's {@code repeat_state_and_data}).
     *
     * @param actions what to do besides
     * @param <S> the state type
     * @param <D> the data type
     * @return the transition
     */
    public static <S, D> Transition<S, D> repeatState(Action... actions) {
        return new Transition<>(Kind.REPEAT, null, null, false, null, list(actions));
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
        return new Transition<>(Kind.STOP, null, null, false, Objects.requireNonNull(reason, "reason"), List.of());
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
        return new Transition<>(Kind.STOP, null, data, true, Objects.requireNonNull(reason, "reason"), List.of());
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
        return new Transition<>(Kind.STOP, null, data, true, Objects.requireNonNull(reason, "reason"), list(replies));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NEXT -> "next(" + state + (hasData ? ", " + data : "") + ", " + actions + ")";
            case KEEP -> "keep(" + (hasData ? data + ", " : "") + actions + ")";
            case REPEAT -> "repeat(" + (hasData ? data + ", " : "") + actions + ")";
            case STOP -> "stop(" + reason + ", " + actions + ")";
        };
    }
}
