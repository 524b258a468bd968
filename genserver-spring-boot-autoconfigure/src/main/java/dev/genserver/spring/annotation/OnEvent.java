package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link GenStateMachine} that handles events of its message parameter's type
 * in the given states (contract §14.2).
 *
 * <p>The message is a call's request, a cast's or an info's message, or, for a timeout or an
 * inserted event, the {@link dev.genserver.statem.Event} itself ({@code Event.StateTimeout},
 * {@code Event.EventTimeout}, {@code Event.Timeout}, {@code Event.Internal}). Besides the message,
 * the method may take a {@link dev.genserver.process.ReplyTo} (then it handles calls only: answer
 * with {@code Action.reply}), the current state (the enum), and the
 * {@link dev.genserver.process.ServerContext}. It returns:
 *
 * <ul>
 *   <li>{@code void}: the machine keeps its state;</li>
 *   <li>the enum: the next state;</li>
 *   <li>a {@link dev.genserver.statem.Transition}: the next state with actions (replies, postpone,
 *       timeouts, inserted events) or a stop; its data is ignored, the data being the instance.</li>
 * </ul>
 *
 * <p>When several methods match, the one for the most specific message type wins. A call that no
 * method handles fails at once with {@code CallFailedException} naming the state; a cast, info
 * or timeout with no handler is logged at debug level and dropped; the machine keeps its state.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnEvent {

    /**
     * The states (names of constants of {@link GenStateMachine#states()}) the method handles
     * events in.
     *
     * @return the states, or empty for every state
     */
    String[] states() default {};
}
