package dev.genserver.process;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A handle on a server: how clients talk to it and inspect it. The handle stays valid across
 * supervised restarts (the mailbox belongs to the name); once the server has stopped for good,
 * calls fail with {@link NoProcessException} and casts become dead letters.
 *
 * <p>Inspection ({@link #info()}, {@link #getState()}, {@link #replaceState}, {@link #suspend()},
 * {@link #resume()}) is OTP's {@code :sys} module.
 */
public interface ServerRef {

    /** A timeout meaning "wait as long as it takes". */
    Duration INFINITY = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    /**
     * Returns the server's unique id within its runtime.
     *
     * @return the id
     */
    long id();

    /**
     * Returns the registered name.
     *
     * @return the name, or empty for an anonymous server
     */
    Optional<String> name();

    /**
     * Returns the name, or {@code #id} for an anonymous server: how messages and logs refer to it.
     *
     * @return the display name
     */
    String displayName();

    /**
     * Sends a request and waits for the reply, up to the server's default call timeout (5 s unless
     * set in {@link StartOptions#withCallTimeout}).
     *
     * @param request the request
     * @param <R> the reply type
     * @return the reply
     * @throws CallTimeoutException no reply in time
     * @throws CallFailedException the server threw while handling this request
     * @throws ServerStoppedException the server stopped before replying
     * @throws NoProcessException the server is not alive
     * @throws NoHandlerException the server has no handler for this request
     * @throws CallingSelfException a server called itself (from a handler or init), or a server
     *         down the chain of this call did and let the exception escape its handler
     * @throws CallCycleException the call would close a cycle of blocking calls (A calls B while
     *         B calls A): thrown at once, before the request is sent, with the chain in the message
     *         ({@code call cycle: a → b → a}); also thrown, unwrapped, to the caller of a server
     *         whose handler let such an exception escape (that server crashes with it, as with any
     *         exception). See {@link CallCycleException} for what happens to each server of a cycle
     * @throws MailboxFullException a bounded mailbox refused the request
     */
    <R> R call(Object request);

    /**
     * Sends a request and waits for the reply up to {@code timeout}.
     *
     * @param request the request
     * @param timeout how long to wait; {@link #INFINITY} to wait as long as it takes
     * @param <R> the reply type
     * @return the reply
     * @throws GenServerException as for {@link #call(Object)}
     */
    <R> R call(Object request, Duration timeout);

    /**
     * Sends a request without blocking; the future completes with the reply or with one of the
     * exceptions of {@link #call(Object)}, after the default call timeout at the latest.
     *
     * @param request the request
     * @param <R> the reply type
     * @return the future reply
     */
    <R> CompletableFuture<R> callAsync(Object request);

    /**
     * Sends a request without blocking, with a timeout.
     *
     * @param request the request
     * @param timeout the timeout; {@link #INFINITY} for none
     * @param <R> the reply type
     * @return the future reply
     */
    <R> CompletableFuture<R> callAsync(Object request, Duration timeout);

    /**
     * Sends a message to {@code handleCast} and returns at once. Never throws for a missing or
     * dead server: the message becomes a dead letter. A bounded mailbox may refuse it (see
     * {@link OverflowPolicy}).
     *
     * @param message the message
     */
    void cast(Object message);

    /**
     * Sends a plain message to {@code handleInfo} (Erlang's {@code send}). Like {@link #cast},
     * never throws for a missing server.
     *
     * @param message the message
     */
    void send(Object message);

    /**
     * Stops the server with reason {@code normal} and waits until it is gone (no timeout).
     * terminate runs; pending calls fail with {@link ServerStoppedException}; pending casts become
     * dead letters (or are handled first, if the server drains on stop).
     *
     * @throws NoProcessException if the server is not alive
     * @throws IllegalStateException when called by the server itself, from one of its callbacks: it
     *         would wait for its own exit; return {@link Result#stop(ExitReason, Object)} instead
     */
    void stop();

    /**
     * Stops the server with {@code reason}, waiting at most {@code timeout} for terminate
     * (and the drain, if enabled); past that the server is killed. A timeout of zero kills it at
     * once unless it has already stopped.
     *
     * @param reason the exit reason
     * @param timeout the most to wait: zero or more, or {@link #INFINITY}
     * @throws IllegalArgumentException if {@code timeout} is negative (as in OTP, the call is refused
     *         and the server keeps running)
     * @throws NoProcessException if the server is not alive
     * @throws IllegalStateException when called by the server itself, from one of its callbacks: it
     *         would wait for its own exit; return {@link Result#stop(ExitReason, Object)} instead
     */
    void stop(ExitReason reason, Duration timeout);

    /**
     * Tells whether the server can handle messages now or soon: starting, running, suspended or
     * restarting.
     *
     * @return true when alive
     */
    boolean isAlive();

    /**
     * Returns a future that completes with the exit reason when the current instance exits
     * (at once with {@link ExitReason#NOPROC} if none is alive).
     *
     * @return the future
     */
    CompletableFuture<ExitReason> onExit();

    /**
     * Returns the inspection data, read without sending the server a message.
     *
     * @return the snapshot
     */
    ServerInfo info();

    /**
     * Returns the links, monitors and pending timers of the current instance, read without
     * sending the server a message (links and monitors are copied under the lock that guards
     * them; timers are read from a concurrent set). Empty lists when no instance is alive.
     *
     * @return the snapshot
     */
    ProcessRelations relations();

    /**
     * Returns the raw state, between two messages (OTP's {@code :sys.get_state}). Meant for tests
     * and tools; anything shown to people should use {@link #getFormattedState()}. A server that
     * holds its state in a mutable object returns a snapshot of it ({@link GenServer#inspectState}).
     *
     * @param <S> the state type
     * @return the state
     */
    <S> S getState();

    /**
     * Returns the state as the server's redaction hook ({@link GenServer#formatStatus}) shows it.
     *
     * @return the redacted state, or empty when the hook threw (fail closed)
     */
    Optional<Object> getFormattedState();

    /**
     * Replaces the state atomically, between two messages. If {@code update} throws, the state is
     * unchanged and the exception is rethrown to the caller, wrapped in a
     * {@link GenServerException}. {@code update} receives the state as {@link #getState()} returns
     * it ({@link GenServer#inspectState}), and the server takes what it returns
     * ({@link GenServer#replaceInspectedState}).
     *
     * @param update computes the new state from the old
     * @param <S> the state type
     * @return the new state
     */
    <S> S replaceState(UnaryOperator<S> update);

    /**
     * Suspends the server: it handles only inspection until {@link #resume()}; calls and casts
     * queue (and calls may time out).
     */
    void suspend();

    /** Resumes a suspended server. */
    void resume();
}
