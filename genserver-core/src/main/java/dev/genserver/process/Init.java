package dev.genserver.process;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of {@link GenServer#init}.
 *
 * <table>
 *   <caption>What start returns for each outcome</caption>
 *   <tr><th>outcome</th><th>start</th><th>afterwards</th><th>terminate</th></tr>
 *   <tr><td>{@link #ok}</td><td>a reference</td><td>the server runs</td><td>-</td></tr>
 *   <tr><td>{@link #ignore()}</td><td>{@link StartResult.Ignored}</td><td>gone, name free</td><td>no</td></tr>
 *   <tr><td>{@link #stop}</td><td>{@link StartFailedException}</td><td>gone, name free</td><td>no</td></tr>
 *   <tr><td>throws</td><td>{@link StartFailedException}</td><td>gone, name free</td><td>no</td></tr>
 * </table>
 *
 * @param <S> the state type
 */
public sealed interface Init<S> permits Init.Ok, Init.Ignore, Init.Stop {

    /**
     * The server is ready with this state.
     *
     * @param state the initial state
     * @param <S> the state type
     * @return the outcome; add {@link Ok#withTimeout}, {@link Ok#hibernate()} or {@link Ok#thenContinue}
     */
    static <S> Ok<S> ok(S state) {
        return new Ok<>(state, Next.NONE);
    }

    /**
     * The server should not run, and that is not an error (OTP's {@code :ignore}).
     *
     * @param <S> the state type
     * @return the outcome
     */
    static <S> Init<S> ignore() {
        return new Ignore<>();
    }

    /**
     * The server cannot start: start fails with this reason.
     *
     * @param reason why
     * @param <S> the state type
     * @return the outcome
     */
    static <S> Init<S> stop(ExitReason reason) {
        return new Stop<>(reason);
    }

    /**
     * Ready.
     *
     * @param state the initial state
     * @param next what to do first
     * @param <S> the state type
     */
    record Ok<S>(S state, Next next) implements Init<S> {
        /**
         * Validates the outcome.
         *
         * @param state the initial state
         * @param next what to do first
         */
        public Ok {
            Objects.requireNonNull(next, "next");
        }

        /**
         * Delivers {@link InactivityTimeout} if no message arrives within {@code after}.
         *
         * @param after the idle time
         * @return a copy with that timeout
         */
        public Ok<S> withTimeout(Duration after) {
            return new Ok<>(state, new Next.Timeout(after));
        }

        /**
         * Hibernates until the first message.
         *
         * @return a copy that hibernates
         */
        public Ok<S> hibernate() {
            return new Ok<>(state, new Next.Hibernate());
        }

        /**
         * Runs {@link GenServer#handleContinue} before any message: the place for heavy
         * initialisation that should not hold up {@code start}.
         *
         * @param argument passed to handleContinue
         * @return a copy that continues
         */
        public Ok<S> thenContinue(Object argument) {
            return new Ok<>(state, new Next.Continue(argument));
        }
    }

    /**
     * Do not run.
     *
     * @param <S> the state type
     */
    record Ignore<S>() implements Init<S> {
    }

    /**
     * Fail the start.
     *
     * @param reason why
     * @param <S> the state type
     */
    record Stop<S>(ExitReason reason) implements Init<S> {
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
