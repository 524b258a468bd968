package dev.genserver.statem;

import dev.genserver.process.ExitReason;
import java.util.List;
import java.util.Objects;

/**
 * What a state machine's {@link StateMachine#init} decided: run from a first state, not run at
 * all, or fail.
 *
 * @param <S> the state type
 * @param <D> the data type
 */
public sealed interface StateInit<S, D> permits StateInit.Ok, StateInit.Ignore, StateInit.Stop {

    /**
     * Runs the machine from {@code state}. Its state-enter callback runs after {@code start} has
     * returned, with {@code state} as both the old and the new state; then the inserted events.
     *
     * @param state the first state
     * @param data the first data
     * @param actions timeouts and inserted events; no postpone, no reply
     * @param <S> the state type
     * @param <D> the data type
     * @return the outcome
     */
    static <S, D> StateInit<S, D> ok(S state, D data, Action... actions) {
        return new Ok<>(state, data, List.of(actions));
    }

    /**
     * Does not run the machine, and that is not an error ({@code StartResult.Ignored}).
     *
     * @param <S> the state type
     * @param <D> the data type
     * @return the outcome
     */
    static <S, D> StateInit<S, D> ignore() {
        return new Ignore<>();
    }

    /**
     * Fails the start with {@code reason} ({@code StartFailedException}).
     *
     * @param reason why the machine cannot run
     * @param <S> the state type
     * @param <D> the data type
     * @return the outcome
     */
    static <S, D> StateInit<S, D> stop(ExitReason reason) {
        return new Stop<>(reason);
    }

    /**
     * Run.
     *
     * @param state the first state
     * @param data the first data
     * @param actions the first actions
     * @param <S> the state type
     * @param <D> the data type
     */
    record Ok<S, D>(S state, D data, List<Action> actions) implements StateInit<S, D> {
        /**
         * Validates the outcome.
         *
         * @param state the first state
         * @param data the first data
         * @param actions the first actions
         */
        public Ok {
            Objects.requireNonNull(state, "state");
            actions = List.copyOf(actions);
            for (Action a : actions) {
                if (a instanceof Action.Postpone || a instanceof Action.Reply) {
                    throw new IllegalArgumentException("init cannot " + a + ": there is no event to postpone or answer");
                }
            }
        }
    }

    /**
     * Do not run.
     *
     * @param <S> the state type
     * @param <D> the data type
     */
    record Ignore<S, D>() implements StateInit<S, D> {
    }

    /**
     * Fail.
     *
     * @param reason why
     * @param <S> the state type
     * @param <D> the data type
     */
    record Stop<S, D>(ExitReason reason) implements StateInit<S, D> {
        /**
         * Validates the outcome.
         *
         * @param reason why
         */
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
