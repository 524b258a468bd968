package dev.genserver.process;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a message callback decided: reply or not, the new state, whether to stop, and what to do
 * next ({@link #withTimeout inactivity timeout}, {@link #hibernate() hibernate},
 * {@link #thenContinue continue}).
 *
 * <pre>{@code
 * return Result.reply(total, newState);                  // answer the caller
 * return Result.noReply(newState).withTimeout(ofSeconds(30));
 * return Result.noReply(state).thenContinue(new LoadCache());
 * return Result.stop(ExitReason.NORMAL, "bye", state);   // terminate, then reply, then exit
 * }</pre>
 *
 * @param <S> the state type
 */
public sealed interface Result<S> permits Result.Reply, Result.NoReply, Result.Stop, Result.Unhandled {

    /**
     * Returns the server's state after this callback.
     *
     * @return the new state
     */
    S state();

    /**
     * Returns what the server does right after this callback.
     *
     * @return the next step, never null
     */
    Next next();

    /**
     * Returns a copy of this result with another next step.
     *
     * @param next the next step
     * @return the copy
     */
    Result<S> with(Next next);

    /**
     * Delivers {@link InactivityTimeout} to {@code handleInfo} if no message arrives within
     * {@code after}.
     *
     * @param after the idle time; zero fires at once unless mail is queued
     * @return a copy of this result with that timeout
     */
    default Result<S> withTimeout(Duration after) {
        return with(new Next.Timeout(after));
    }

    /**
     * Releases what the idle server holds until the next message.
     *
     * @return a copy of this result that hibernates
     */
    default Result<S> hibernate() {
        return with(new Next.Hibernate());
    }

    /**
     * Runs {@link GenServer#handleContinue} with {@code argument} before any queued message (and,
     * for a call, after the reply has been sent).
     *
     * @param argument passed to {@code handleContinue}
     * @return a copy of this result that continues
     */
    default Result<S> thenContinue(Object argument) {
        return with(new Next.Continue(argument));
    }

    /**
     * Replies to the caller of {@code handleCall}.
     *
     * @param value the reply
     * @param state the new state
     * @param <S> the state type
     * @return the result
     */
    static <S> Result<S> reply(@Nullable Object value, S state) {
        return new Reply<>(value, state, Next.NONE);
    }

    /**
     * Does not reply now (a call's caller keeps waiting for {@link ReplyTo#reply}).
     *
     * @param state the new state
     * @param <S> the state type
     * @return the result
     */
    static <S> Result<S> noReply(S state) {
        return new NoReply<>(state, Next.NONE);
    }

    /**
     * Stops the server: {@code terminate(reason, state)} runs, then the server exits. A pending
     * caller of this call gets a {@link ServerStoppedException}.
     *
     * @param reason the exit reason
     * @param state the state handed to terminate
     * @param <S> the state type
     * @return the result
     */
    static <S> Result<S> stop(ExitReason reason, S state) {
        return new Stop<>(reason, state, false, null);
    }

    /**
     * Stops the server and answers the caller: terminate runs, then the caller gets
     * {@code reply}, then the server exits.
     *
     * @param reason the exit reason
     * @param reply the reply to the current caller
     * @param state the state handed to terminate
     * @param <S> the state type
     * @return the result
     */
    static <S> Result<S> stop(ExitReason reason, @Nullable Object reply, S state) {
        return new Stop<>(reason, state, true, reply);
    }

    /**
     * Says that this server has no handler for the message. A caller gets a
     * {@link NoHandlerException}, a cast becomes a dead letter, an info message is logged and
     * dropped; in every case the server keeps running with {@code state}.
     *
     * @param state the state to keep
     * @param <S> the state type
     * @return the result
     */
    static <S> Result<S> unhandled(S state) {
        return new Unhandled<>(state, Next.NONE);
    }

    /**
     * A reply to the current caller.
     *
     * @param value the reply
     * @param state the new state
     * @param next what to do next
     * @param <S> the state type
     */
    record Reply<S>(@Nullable Object value, S state, Next next) implements Result<S> {
        /**
         * Validates the result.
         *
         * @param value the reply
         * @param state the new state
         * @param next what to do next
         */
        public Reply {
            Objects.requireNonNull(next, "next");
        }

        @Override
        public Result<S> with(Next next) {
            return new Reply<>(value, state, next);
        }
    }

    /**
     * No reply now.
     *
     * @param state the new state
     * @param next what to do next
     * @param <S> the state type
     */
    record NoReply<S>(S state, Next next) implements Result<S> {
        /**
         * Validates the result.
         *
         * @param state the new state
         * @param next what to do next
         */
        public NoReply {
            Objects.requireNonNull(next, "next");
        }

        @Override
        public Result<S> with(Next next) {
            return new NoReply<>(state, next);
        }
    }

    /**
     * Stop, with or without a reply to the current caller.
     *
     * @param reason the exit reason
     * @param state the state handed to terminate
     * @param withReply whether {@code reply} is sent to the current caller
     * @param reply the reply, when {@code withReply}
     * @param <S> the state type
     */
    record Stop<S>(ExitReason reason, S state, boolean withReply, @Nullable Object reply) implements Result<S> {
        /**
         * Validates the result.
         *
         * @param reason the exit reason
         * @param state the state handed to terminate
         * @param withReply whether {@code reply} is sent
         * @param reply the reply
         */
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Next next() {
            return Next.NONE;
        }

        /**
         * Always fails: a stopping server does nothing next.
         *
         * @param next ignored
         * @return never
         * @throws IllegalStateException always
         */
        @Override
        public Result<S> with(Next next) {
            throw new IllegalStateException("a stop result cannot also " + next);
        }
    }

    /**
     * No handler for this message.
     *
     * @param state the state to keep
     * @param next what to do next
     * @param <S> the state type
     */
    record Unhandled<S>(S state, Next next) implements Result<S> {
        /**
         * Validates the result.
         *
         * @param state the state to keep
         * @param next what to do next
         */
        public Unhandled {
            Objects.requireNonNull(next, "next");
        }

        @Override
        public Result<S> with(Next next) {
            return new Unhandled<>(state, next);
        }
    }
}
