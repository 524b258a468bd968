package dev.genserver.process;

/**
 * The callbacks of a server: OTP's {@code gen_server} behaviour. Implement them, start the server
 * with {@link ProcessRuntime#start}, and talk to it through the {@link ServerRef} that start
 * returns. The numbered sections ({@code §2.2}) are those of the project's behavioural contract,
 * {@code docs/contract.md}, which the conformance tests cite.
 *
 * <h2 id="model">The model</h2>
 *
 * <p>A server is a process: one mailbox, one state. Its callbacks run <b>one at a time, in
 * mailbox order</b>, on the server's own virtual thread, never on a caller's (§0), so the state
 * needs no lock. The state is either the value {@code S} threaded through the callbacks (immutable
 * records suit this well) or the instance's own fields (then {@code S} is usually the instance
 * itself). A runtime builds a <b>fresh instance</b> through the factory given to {@code start} for
 * every start and restart; a crashed instance is never reused.
 *
 * <p>Every callback returns what happens next: an {@link Init} from {@link #init}, a
 * {@link Result} from the message callbacks. A callback that throws <b>crashes</b> the server with
 * the exception as its exit reason; {@link #terminate} then receives the last good state, and a
 * supervisor, if there is one, starts a fresh instance.
 *
 * <h2 id="example">Example</h2>
 *
 * <pre>{@code
 * record Push(String element) {}
 * record Pop() {}
 *
 * final class Stack implements GenServer<List<String>> {
 *     private final List<String> initial;
 *
 *     Stack(List<String> initial) { this.initial = initial; }
 *
 *     public Init<List<String>> init(ServerContext ctx) {
 *         return Init.ok(initial);
 *     }
 *
 *     public Result<List<String>> handleCall(Object request, ReplyTo from, List<String> stack) {
 *         return request instanceof Pop && !stack.isEmpty()
 *                 ? Result.reply(stack.getFirst(), stack.subList(1, stack.size()))
 *                 : Result.unhandled(stack);
 *     }
 *
 *     public Result<List<String>> handleCast(Object message, List<String> stack) {
 *         return message instanceof Push(String element)
 *                 ? Result.noReply(Stream.concat(Stream.of(element), stack.stream()).toList())
 *                 : Result.unhandled(stack);
 *     }
 * }
 *
 * try (ProcessRuntime runtime = ProcessRuntime.create()) {
 *     ServerRef stack = runtime.start(() -> new Stack(List.of("hello")), StartOptions.named("stack")).ref();
 *     String top = stack.call(new Pop());                 // "hello"
 *     stack.cast(new Push("world"));                      // returns at once
 *     String next = stack.call(new Pop());                // "world"
 * }
 * }</pre>
 *
 * <h2 id="client-server">Client and server</h2>
 *
 * <p>A client sends, the server's callback handles:
 *
 * <table>
 *   <caption>How clients reach the callbacks</caption>
 *   <tr><th>client</th><th>callback</th><th>the client</th></tr>
 *   <tr><td>{@link ServerRef#call}, {@link ServerRef#callAsync}</td><td>{@link #handleCall}</td>
 *       <td>waits for the reply, 5 s by default (§2)</td></tr>
 *   <tr><td>{@link ServerRef#cast}</td><td>{@link #handleCast}</td><td>returns at once (§3)</td></tr>
 *   <tr><td>{@link ServerRef#send}, timers, monitors, links</td><td>{@link #handleInfo}</td>
 *       <td>returns at once (§3, §12)</td></tr>
 * </table>
 *
 * <p>Keep the two sides apart: the message types and a small client class (or, in Spring, the
 * server's interface and its typed proxy) are the API; the callbacks are the implementation. Only
 * the client side runs on the caller's thread.
 *
 * <h2 id="callbacks">Callbacks and what they return</h2>
 *
 * <table>
 *   <caption>Every callback and each shape it may return</caption>
 *   <tr><th>callback</th><th>returns</th><th>effect</th></tr>
 *   <tr><td>{@link #init}</td><td>{@code Init.ok(state)}</td>
 *       <td>{@code start} returns the reference</td></tr>
 *   <tr><td></td><td>{@code Init.ignore()}</td>
 *       <td>{@code start} returns {@link StartResult.Ignored}; not an error</td></tr>
 *   <tr><td></td><td>{@code Init.stop(reason)}</td>
 *       <td>{@code start} throws {@link StartFailedException}</td></tr>
 *   <tr><td>{@link #handleCall}</td><td>{@code Result.reply(value, state)}</td>
 *       <td>the caller gets {@code value}</td></tr>
 *   <tr><td></td><td>{@code Result.noReply(state)}</td>
 *       <td>no reply now: answer later through {@link ReplyTo}</td></tr>
 *   <tr><td></td><td>{@code Result.stop(reason, reply, state)}</td>
 *       <td>terminate, then the caller gets {@code reply}, then exit</td></tr>
 *   <tr><td>any message callback</td><td>{@code Result.noReply(state)}</td><td>the new state</td></tr>
 *   <tr><td></td><td>{@code Result.stop(reason, state)}</td>
 *       <td>terminate, then exit; a waiting caller gets {@link ServerStoppedException}</td></tr>
 *   <tr><td></td><td>{@code Result.unhandled(state)}</td>
 *       <td>no handler: see each callback; the server keeps running</td></tr>
 *   <tr><td>{@link #terminate}</td><td>nothing</td><td>the server exits</td></tr>
 *   <tr><td>{@link #formatStatus}</td><td>what may be shown of the state</td>
 *       <td>inspection, logs, Actuator</td></tr>
 *   <tr><td>{@link #inspectState}, {@link #replaceInspectedState}</td><td>a snapshot of the state,
 *       the state after a replacement</td><td>{@code getState}, {@code replaceState}; only for a
 *       state held in a mutable object</td></tr>
 * </table>
 *
 * <p>{@code Init.ok} and every result but stop may add one effect (§4):
 * {@code .withTimeout(d)} delivers {@link InactivityTimeout} to {@link #handleInfo} after {@code d}
 * without a message, {@code .hibernate()} releases what the idle server holds until the next
 * message, and {@code .thenContinue(arg)} runs {@link #handleContinue} before any queued message.
 *
 * <h2 id="names">Name registration</h2>
 *
 * <p>{@code StartOptions.named("stack")} registers the server under a name for as long as it runs
 * (across supervised restarts): {@link ProcessRuntime#whereis} finds it, and a second start under
 * the same name throws {@link AlreadyStartedException} naming the holder (§1.3). Keys of any type
 * (a user, a cart) go through a {@code dev.genserver.registry.Registry} (OTP's
 * {@code {:via, Registry, key}}, §11).
 *
 * <h2 id="info">Receiving "regular" messages</h2>
 *
 * <p>Everything that is neither a call nor a cast goes to {@link #handleInfo}: messages sent with
 * {@link ServerRef#send}, timers ({@link ServerContext#sendAfter}), {@link Down} from monitors,
 * {@link ExitSignal} while trapping exits, and {@link InactivityTimeout}. An info message nobody
 * handles is logged at debug level and dropped (§3.3), so a server can ignore what it does not
 * expect.
 *
 * <h2 id="timeouts">Timeouts</h2>
 *
 * <p>A call waits 5 s by default ({@code StartOptions.withCallTimeout}, or per call); past it the
 * caller gets {@link CallTimeoutException} and a late reply is discarded (§2.1, §2.2). {@code start}
 * waits for {@link #init} without limit unless {@code StartOptions.withStartTimeout} says
 * otherwise (§1.2). The inactivity timeout above is the server's own: "nothing happened for that
 * long" (§4.1).
 *
 * <h2 id="supervision">How to supervise</h2>
 *
 * <p>Start servers under a {@code dev.genserver.supervisor.Supervisor}
 * ({@code ChildSpec.worker("stack", Stack::new)}) rather than directly: a crashed server is then
 * restarted with a fresh instance, and, beyond OTP, keeps its name, its {@link ServerRef} and its
 * mailbox, so the messages queued behind the one that crashed are not lost (§6).
 *
 * <h2 id="when-not">When (not) to use a server</h2>
 *
 * <p>A server handles one message at a time: it is the tool for state that changes (a cart, a
 * cache, a rate limiter, a connection), for work that must be serialised, and for things that fail
 * and should be restarted. It is not a way to organise code: a computation that needs no state
 * belongs in a plain method that runs on the caller's thread, in parallel for every caller, and
 * wrapping it in a server only adds a queue. In Spring, keep {@code @GenServer} for the beans that
 * own such state; the other beans stay ordinary singletons.
 *
 * <h2 id="inspection">Inspection (the {@code :sys} module)</h2>
 *
 * <p>{@link ServerRef#info()} reads a server's status and statistics without disturbing it;
 * {@link ServerRef#getState()}, {@link ServerRef#replaceState}, {@link ServerRef#suspend()} and
 * {@link ServerRef#resume()} act between two messages (§8). What anyone is shown of the state goes
 * through {@link #formatStatus}.
 *
 * <h2 id="beyond-otp">Beyond OTP</h2>
 *
 * <ul>
 *   <li>The mailbox survives a supervised restart ({@link MailboxOnCrash#KEEP}, the default; §6).</li>
 *   <li>Bounded mailboxes, with an overflow policy ({@link MailboxOptions}; §7).</li>
 *   <li>A cycle of blocking calls fails at once with {@link CallCycleException} (§2.3).</li>
 *   <li>Drain on stop: queued messages handled before terminate ({@code StartOptions.withDrainOnStop}; §5.7).</li>
 *   <li>A redaction hook that throws shows nothing (§8.6).</li>
 * </ul>
 *
 * @param <S> the type of the server's state
 */
public interface GenServer<S> {

    /**
     * Initialises the server, on its own thread. {@link ProcessRuntime#start} blocks until this
     * returns (§1).
     *
     * <ul>
     *   <li>{@code Init.ok(state)}: the server runs with this state; add {@code .withTimeout(d)},
     *       {@code .hibernate()} or {@code .thenContinue(arg)} (§4).</li>
     *   <li>{@code Init.ignore()}: the server should not run, and that is not an error;
     *       {@code start} returns {@link StartResult.Ignored} and the name is free.</li>
     *   <li>{@code Init.stop(reason)}: the server cannot run; {@code start} throws
     *       {@link StartFailedException} with the reason and the name is free.</li>
     * </ul>
     *
     * <p>Throwing is like {@code Init.stop(ExitReason.crash(e))}. In none of the failures does
     * {@link #terminate} run. Heavy work (loading a cache, connecting) belongs in
     * {@link #handleContinue}, so that {@code start} does not wait for it:
     *
     * <pre>{@code
     * public Init<Cache> init(ServerContext ctx) {
     *     ctx.sendAfter(new Refresh(), Duration.ofMinutes(5));
     *     return Init.ok(Cache.empty()).thenContinue(new Load());
     * }
     * }</pre>
     *
     * @param ctx this server's context: its own reference, timers, links and monitors
     * @return {@link Init#ok}, {@link Init#ignore()} or {@link Init#stop}
     */
    Init<S> init(ServerContext ctx);

    /**
     * Handles a request sent with {@link ServerRef#call} or {@link ServerRef#callAsync}; the caller
     * waits for the reply (§2).
     *
     * <ul>
     *   <li>{@code Result.reply(value, state)}: the caller gets {@code value} ({@code null}
     *       included).</li>
     *   <li>{@code Result.noReply(state)}: no reply now; keep {@code from} and answer later, from any
     *       thread, with {@link ReplyTo#reply} or {@link ReplyTo#fail} (a deferred reply, §2.4).</li>
     *   <li>{@code Result.stop(reason, reply, state)}: {@link #terminate} runs, then the caller gets
     *       {@code reply}, then the server exits (§2.5).</li>
     *   <li>{@code Result.stop(reason, state)}: {@link #terminate} runs and the caller gets
     *       {@link ServerStoppedException}.</li>
     *   <li>{@code Result.unhandled(state)}: the caller gets {@link NoHandlerException} naming the
     *       server and the request type; the server keeps running (§2.6).</li>
     * </ul>
     *
     * <p>With {@code .thenContinue(arg)} the reply is sent before {@link #handleContinue} runs.
     * Throwing crashes the server; the caller gets {@link CallFailedException} with the exception,
     * at once. The default returns {@code Result.unhandled(state)}.
     *
     * <pre>{@code
     * public Result<Account> handleCall(Object request, ReplyTo from, Account account) {
     *     return switch (request) {
     *         case Balance b -> Result.reply(account.balance(), account);
     *         case Withdraw(long amount) when amount <= account.balance() ->
     *                 Result.reply(true, account.withdraw(amount));
     *         case Withdraw w -> Result.reply(false, account);
     *         case Close c -> Result.stop(ExitReason.NORMAL, account.balance(), account);
     *         default -> Result.unhandled(account);
     *     };
     * }
     * }</pre>
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
     * Handles a message sent with {@link ServerRef#cast}; the sender did not wait (§3).
     *
     * <ul>
     *   <li>{@code Result.noReply(state)}: the new state.</li>
     *   <li>{@code Result.stop(reason, state)}: {@link #terminate} runs, then the server exits.</li>
     *   <li>{@code Result.unhandled(state)}: the message is counted as a dead letter; the server
     *       keeps running (§3.3).</li>
     * </ul>
     *
     * <p>Throwing crashes the server. The default returns {@code Result.unhandled(state)}.
     *
     * <pre>{@code
     * public Result<Integer> handleCast(Object message, Integer count) {
     *     return message instanceof Increment(int by)
     *             ? Result.noReply(count + by)
     *             : Result.unhandled(count);
     * }
     * }</pre>
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
     * {@link ExitSignal} while trapping exits, and {@link InactivityTimeout} (§3.2).
     *
     * <ul>
     *   <li>{@code Result.noReply(state)}: the new state.</li>
     *   <li>{@code Result.stop(reason, state)}: {@link #terminate} runs, then the server exits.</li>
     *   <li>{@code Result.unhandled(state)}: the message is logged at debug level and dropped; the
     *       server keeps running (§3.3).</li>
     * </ul>
     *
     * <p>Throwing crashes the server. The default returns {@code Result.unhandled(state)}.
     *
     * <pre>{@code
     * public Result<Session> handleInfo(Object message, Session session) {
     *     return switch (message) {
     *         case InactivityTimeout t -> Result.stop(ExitReason.NORMAL, session);
     *         case Down down -> Result.noReply(session.without(down.server()));
     *         default -> Result.unhandled(session);
     *     };
     * }
     * }</pre>
     *
     * @param message the message
     * @param state the current state
     * @return the next step
     */
    default Result<S> handleInfo(Object message, S state) {
        return Result.unhandled(state);
    }

    /**
     * Runs right after a callback (or {@link #init}) that returned {@code thenContinue(argument)},
     * before any message already in the mailbox, and after the reply of a call (§4.2). Returns what
     * {@link #handleCast} returns; a further {@code .thenContinue} chains another continue.
     *
     * <pre>{@code
     * public Result<Cache> handleContinue(Object argument, Cache cache) {
     *     return argument instanceof Load ? Result.noReply(cache.loadedFrom(repository)) : Result.noReply(cache);
     * }
     * }</pre>
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
     * explicit {@link ServerRef#stop}, a supervisor's orderly shutdown, or
     * {@link ProcessRuntime#close()} (§5.2). Not called when {@code init} failed or the server was
     * killed (§5.3): cleanup that must happen whatever the exit belongs outside the server. An
     * exception thrown here is logged; the stop still completes with the original reason (§5.4).
     *
     * <pre>{@code
     * public void terminate(ExitReason reason, Connection connection) {
     *     connection.close();
     * }
     * }</pre>
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
     * Redacts the state before anyone sees it: {@link ServerRef#getFormattedState()}, crash logs,
     * Actuator (OTP's {@code format_status}). The default shows the state as is. If this throws,
     * nothing is shown at all (§8.6).
     *
     * <pre>{@code
     * public Object formatStatus(Session session) {
     *     return Map.of("user", session.user(), "token", "******");
     * }
     * }</pre>
     *
     * @param state the current state
     * @return what may be shown of it
     */
    default Object formatStatus(S state) {
        return state;
    }

    /**
     * The state as {@link ServerRef#getState()} returns it and {@link ServerRef#replaceState}'s
     * function receives it; the default is the state itself. A server that holds its state in a
     * mutable object of its own (a state machine keeps its state and data in place rather than in
     * a new record per message) returns an immutable snapshot here, built at inspection time.
     * Runs on the server's thread, between two messages; if it throws, the inspection fails and
     * the state is unchanged.
     *
     * @param state the state the server holds
     * @return what inspection shows as the state
     */
    default Object inspectState(S state) {
        return state;
    }

    /**
     * The state the server holds after {@link ServerRef#replaceState}, whose function returned
     * {@code replacement} from the view of {@link #inspectState}; the default holds the replacement
     * itself. A server that overrides {@code inspectState} overrides this too, to take the
     * replacement into the state it holds. Runs on the server's thread, between two messages; if it
     * throws, the caller of {@code replaceState} gets the failure and the state is unchanged.
     *
     * @param state the state the server holds
     * @param replacement what the update function returned
     * @return the state to hold from now on
     */
    @SuppressWarnings("unchecked")
    default S replaceInspectedState(S state, Object replacement) {
        return (S) replacement;
    }
}
