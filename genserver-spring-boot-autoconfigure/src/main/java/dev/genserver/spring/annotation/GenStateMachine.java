package dev.genserver.spring.annotation;

import dev.genserver.supervisor.RestartType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/**
 * Makes a Spring bean a state machine (OTP's {@code gen_statem}, contract §14): a
 * {@link GenServer} whose current state is a constant of the enum {@link #states()}, whose
 * events are handled per state by {@link OnEvent} methods, and whose state-enter callbacks are
 * {@link OnEnter} methods. The data is the instance's fields, as for a {@code @GenServer}.
 *
 * <pre>{@code
 * @GenStateMachine(name = "door", states = Door.State.class, initial = "LOCKED")
 * class Door {
 *     enum State { LOCKED, OPEN }
 *     private int opened;
 *
 *     @OnEvent(states = "LOCKED")
 *     Transition<State, Object> unlock(Unlock u, ReplyTo from) {
 *         opened++;
 *         return Transition.nextState(State.OPEN, Action.reply(from, "open"));
 *     }
 *
 *     @OnEnter(states = "OPEN")
 *     Transition<State, Object> open() {
 *         return Transition.keepState(Action.stateTimeout(Duration.ofSeconds(10), "relock"));
 *     }
 *
 *     @OnEvent(states = "OPEN")
 *     State relock(Event.StateTimeout timeout) {
 *         return State.LOCKED;
 *     }
 * }
 *
 * String answer = genServers.call("door", new Unlock("1234"));
 * }</pre>
 *
 * <p>Reach it by name ({@code GenServers.call/cast/send}, {@code GenServers.ref}); it has no
 * typed client proxy. Supervision, mailbox, timeouts and Actuator are those of any
 * {@code @GenServer}: {@code /actuator/genservers} shows its current state even when the data is
 * hidden, and the data (the fields, {@link Redact} ones masked) when state is shown.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@GenServer
public @interface GenStateMachine {

    /**
     * The bean name; the registered name too unless {@link #name()} is set.
     *
     * @return the bean name, or empty for the default
     */
    @AliasFor(annotation = GenServer.class, attribute = "value")
    String value() default "";

    /**
     * The name the machine is registered under.
     *
     * @return the name, or empty for the bean name
     */
    @AliasFor(annotation = GenServer.class, attribute = "name")
    String name() default "";

    /**
     * The enum whose constants are the machine's states.
     *
     * @return the state type
     */
    Class<? extends Enum<?>> states();

    /**
     * The first state, the name of a constant of {@link #states()}; its {@link OnEnter} methods run
     * after the start.
     *
     * @return the initial state's name
     */
    String initial();

    /**
     * The supervisor the machine belongs to (see {@link GenServer#supervisor()}).
     *
     * @return the supervisor's name, or empty for the root
     */
    @AliasFor(annotation = GenServer.class, attribute = "supervisor")
    String supervisor() default "";

    /**
     * When the supervisor restarts the machine (a restart starts again from {@link #initial()}).
     *
     * @return the restart type
     */
    @AliasFor(annotation = GenServer.class, attribute = "restart")
    RestartType restart() default RestartType.PERMANENT;
}
