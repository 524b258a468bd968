package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a state-enter method of a {@link GenStateMachine}: it runs when the machine enters one of
 * the given states, after the start and after every change of state (contract §14.3). It may take
 * the state left (the enum) and the {@link dev.genserver.process.ServerContext}; it returns
 * {@code void} or a {@link dev.genserver.statem.Transition} that keeps or repeats the state (with
 * timeouts or replies) or stops.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnEnter {

    /**
     * The states whose entry runs this method.
     *
     * @return the states, or empty for every state
     */
    String[] states() default {};
}
