package dev.genserver.process;

/**
 * The callbacks of a server: OTP's {@code gen_server} behaviour.
 *
 * <p>A runtime creates a <b>fresh instance</b> through the factory given to
 * {@link ProcessRuntime#start(java.util.function.Supplier, StartOptions)} for every start and
 * restart, then runs {@link #init(ServerContext)} on the server's own virtual thread. Every
 * other callback runs on that thread too, one at a time, in mailbox order. State is either the
 * value {@code S} threaded through the callbacks (immutable records suit this well) or the
 * instance's own fields (then {@code S} is usually the instance itself).
 *
 * <p>Each callback returns what happens next: see {@link Init} and {@link Result}. A callback
 * that throws crashes the server with the exception as its exit reason; {@link #terminate} then
 * receives the last good state.
 *
 * <pre>{@code
 * final class Stack implements GenServer<List<String>> {
 *     public Init<List<String>> init(ServerContext ctx) { return Init.ok(List.of()); }
 *
 *     public Result<List<String>> handleCall(Object request, ReplyTo from, List<String> items) {
 *         if (request instanceof Pop && !items.isEmpty()) {
 *             return Result.reply(items.getFirst(), items.subList(1, items.size()));
 *         }
 *         return Result.unhandled(items);
 *     }
 * }
 * }</pre>
 *
 * @param <S> the type of the server's state
 */
public interface GenServer<S> {

    /**
     * Initialises the server. {@link ProcessRuntime#start} blocks until this returns. Heavy work
     * belongs in {@link #handleContinue}: return {@code Init.ok(state).thenContinue(arg)}.
     *
     * @param ctx this server's context: its own reference, timers, links and monitors
     * @return {@link Init#ok}, {@link Init#ignore()} or {@link Init#stop}
     */
    Init<S> init(ServerContext ctx);

    /**
     * Handles a synchronous request sent with {@link ServerRef#call}. Reply at once with
     * {@link Result#reply}, or keep {@code from} and reply later from any thread with
     * {@link ReplyTo#reply} after returning {@link Result#noReply}.
     *
     * <p>The default answers the caller with a {@link NoHandlerException}; the server keeps
     * running.
     *
     * @param request the request
     * @param from the caller's reply handle
     * @param state the current state
     * @return the next step
     */
    default Result<S> handleCall(Object request, ReplyTo from, S state) {
        return Result.unhandled(state);
    }

    /**
     * Handles an asynchronous message sent with {@link ServerRef#cast}.
     *
     * <p>The default counts the message as a dead letter; the server keeps running.
     *
     * @param message the message
     * @param state the current state
     * @return the next step; a {@link Result#reply} here is a programming error and crashes the server
     */
    default Result<S> handleCast(Object message, S state) {
        return Result.unhandled(state);
    }

    /**
     * Handles every other message: {@link ServerRef#send}, timers, {@link Down} from monitors,
     * {@link ExitSignal} while trapping exits, and {@link InactivityTimeout}.
     *
     * <p>The default logs the message at debug level and drops it; the server keeps running.
     *
     * @param message the message
     * @param state the current state
     * @return the next step
     */
    default Result<S> handleInfo(Object message, S state) {
        return Result.unhandled(state);
    }

    /**
     * Runs right after a callback that returned {@code thenContinue(argument)}, before any
     * message already in the mailbox. Continues can chain.
     *
     * @param argument the argument given to {@code thenContinue}
     * @param state the current state
     * @return the next step
     * @throws IllegalStateException by default: a server that asks to continue must implement this
     */
    default Result<S> handleContinue(Object argument, S state) {
        throw new IllegalStateException(getClass().getName()
                + " returned thenContinue(" + argument + ") but does not override handleContinue");
    }

    /**
     * Called when the server stops: after a {@link Result#stop} result, a callback that threw, an
     * explicit {@link ServerRef#stop}, or a supervisor's orderly shutdown. Not called when
     * {@code init} failed or the server was killed. An exception thrown here is logged; the stop
     * still completes.
     *
     * @param reason why the server stops
     * @param state the last good state
     */
    default void terminate(ExitReason reason, S state) {
    }

    /**
     * Names this server's type in inspection, logs and errors. The default is the class name; an
     * adapter that wraps another object (a Spring bean, say) returns the wrapped class's name.
     *
     * @return the type name
     */
    default String serverType() {
        return getClass().getName();
    }

    /**
     * Redacts the state before anyone sees it: inspection, crash logs, Actuator (OTP's
     * {@code format_status}). The default shows the state as is. If this throws, nothing is
     * shown at all.
     *
     * @param state the current state
     * @return what may be shown of it
     */
    default Object formatStatus(S state) {
        return state;
    }
}
