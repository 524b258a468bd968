/**
 * State machines: OTP's {@code gen_statem} on the same process cell as a
 * {@link dev.genserver.process.GenServer}.
 *
 * <p>A {@link dev.genserver.statem.StateMachine} has a state (an enum constant or a sealed type)
 * and data. Every message (call, cast, info), every timeout and every inserted event reaches
 * {@link dev.genserver.statem.StateMachine#handleEvent} as an {@link dev.genserver.statem.Event}
 * together with the current state; the handler returns a {@link dev.genserver.statem.Transition}
 * (the next state and data) with {@link dev.genserver.statem.Action}s: replies, postponing the
 * event until the state changes, inserting events, and the three kinds of timeouts (event, state,
 * named). {@link dev.genserver.statem.StateMachine#server} turns a machine into a server that a
 * {@link dev.genserver.process.ProcessRuntime} or a supervisor starts like any other, with the
 * same supervision, inspection, redaction and metrics. Contract §14 lists how this follows
 * {@code gen_statem} and where it differs.
 */
@NullMarked
package dev.genserver.statem;

import org.jspecify.annotations.NullMarked;
