package dev.genserver.statem;

/**
 * A state machine's state and data as a server holds them: what {@code ServerRef.getState()}
 * returns and {@code replaceState} replaces (OTP's {@code {State, Data}} of {@code sys:get_state}),
 * and, with the data redacted by {@link StateMachine#formatStatus}, what inspection, crash logs and
 * the Actuator endpoint show. Replacing it does not count as a change of state: no state-enter
 * callback runs and no timeout is cancelled.
 *
 * <p>A snapshot: the machine's server keeps its state and data in place from one event to the
 * next (no record per event) and builds a new {@code MachineState} each time it is inspected, so
 * one taken earlier does not change when the machine does. The server must be given a
 * {@code MachineState} back by {@code replaceState}; anything else fails that call and leaves the
 * machine as it was.
 *
 * @param state the current state
 * @param data the data (or what may be shown of it)
 * @param <S> the state type
 * @param <D> the data type
 */
public record MachineState<S, D>(S state, D data) {
}
