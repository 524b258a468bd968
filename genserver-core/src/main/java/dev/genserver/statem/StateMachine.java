package dev.genserver.statem;

import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.ServerContext;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The callbacks of a state machine: OTP's {@code gen_statem} behaviour, in its
 * {@code handle_event_function} mode with state-enter calls. Start one with
 * {@link #server(Supplier)}, which makes it a server like any other: started by a
 * {@code ProcessRuntime} or a supervisor, reached through a {@code ServerRef}, inspected,
 * redacted and measured the same way. The numbered sections ({@code §14.2}) are those of the
 * contract, {@code docs/contract.md}.
 *
 * <pre>{@code
 * enum Door { LOCKED, OPEN }
 * record Unlock(String code) {}
 *
 * final class DoorLock implements StateMachine<Door, String> {
 *     public StateInit<Door, String> init(ServerContext ctx) {
 *         return StateInit.ok(Door.LOCKED, "1234");
 *     }
 *
 *     public Transition<Door, String> handleEvent(Event event, Door state, String code) {
 *         return switch (event) {
 *             case Event.Call(Unlock(String given), ReplyTo from) when state == Door.LOCKED && given.equals(code) ->
 *                     Transition.nextState(Door.OPEN, Action.reply(from, "open"),
 *                             Action.stateTimeout(Duration.ofSeconds(10), "relock"));
 *             case Event.Call(Unlock u, ReplyTo from) -> Transition.keepState(Action.reply(from, "locked"));
 *             case Event.StateTimeout t -> Transition.nextState(Door.LOCKED);
 *             default -> Transition.keepState();
 *         };
 *     }
 * }
 *
 * ServerRef door = runtime.start(StateMachine.server(DoorLock::new), StartOptions.named("door")).ref();
 * String answer = door.call(new Unlock("1234"));   // "open"; locked again after 10 s
 * }</pre>
 *
 * <p>Every callback runs on the server's own thread, one at a time, like a server's. A callback
 * that throws crashes the machine, with the exception as its exit reason; terminate then receives
 * the last good state and data.
 *
 * @param <S> the state type: an enum, or a sealed type whose records carry per-state values
 * @param <D> the data type: what the machine keeps whatever its state
 */
public interface StateMachine<S, D> {

    /**
     * Initialises the machine on its own thread; {@code start} waits for it (§14.1).
     *
     * @param ctx the server's context: its own reference, timers, links and monitors
     * @return {@link StateInit#ok}, {@link StateInit#ignore()} or {@link StateInit#stop}
     */
    StateInit<S, D> init(ServerContext ctx);

    /**
     * Handles one event in the current state: a call, a cast, an info message, a timeout or an
     * inserted event (§14.2). A call is answered with {@link Action#reply}, now or later; a caller
     * nobody answers waits until its own timeout.
     *
     * @param event the event
     * @param state the current state
     * @param data the current data
     * @return the transition
     */
    Transition<S, D> handleEvent(Event event, S state, D data);

    /**
     * Runs when the machine enters a state: after {@link #init} (with {@code oldState} equal to
     * {@code state}), after every change of state, and again after {@link Transition#repeat}
     * (§14.3). It may change the data, set timeouts, reply, repeat or stop; it may not change the
     * state, postpone or insert events (the machine crashes with an
     * {@link IllegalStateException} naming the callback). The default does nothing, so a machine
     * that does not override it is spared the call.
     *
     * @param oldState the state left
     * @param state the state entered
     * @param data the current data
     * @return {@link Transition#keep}, {@link Transition#keepState}, {@link Transition#repeat} or a stop
     */
    default Transition<S, D> enter(S oldState, S state, D data) {
        return Transition.keepState();
    }

    /**
     * Called when the machine stops, as a server's terminate is (contract §5.2).
     *
     * @param reason why the machine stops
     * @param state the last state
     * @param data the last data
     */
    default void terminate(ExitReason reason, S state, D data) {
    }

    /**
     * Redacts the data before anyone sees it (inspection, crash logs, Actuator); the state is
     * always shown. The default shows the data as is. If this throws, nothing is shown (§8.6).
     *
     * @param state the current state
     * @param data the current data
     * @return what may be shown of the data
     */
    default Object formatStatus(S state, D data) {
        return data;
    }

    /**
     * Names this machine's type in inspection, logs and errors; the class name by default.
     *
     * @return the type name
     */
    default String serverType() {
        return getClass().getName();
    }

    /**
     * Makes a server of a state machine: pass the result to {@code ProcessRuntime.start} or to
     * {@code ChildSpec.worker}. Every start and restart builds a fresh machine. The server's
     * {@code getState()} returns a {@link MachineState} snapshot of the machine's state and data.
     *
     * @param factory builds a fresh machine
     * @param <S> the state type
     * @param <D> the data type
     * @return the server factory
     */
    static <S, D> Supplier<GenServer<?>> server(Supplier<? extends StateMachine<S, D>> factory) {
        Objects.requireNonNull(factory, "factory");
        return () -> new StateMachineServer<>(Objects.requireNonNull(factory.get(),
                "the state machine factory returned null"));
    }
}
