package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} method of a {@link GenServer} that handles plain messages of its
 * parameter's type: {@code send}, timers ({@code ctx.sendAfter}), monitors
 * ({@link dev.genserver.process.Down}), trapped exits ({@link dev.genserver.process.ExitSignal})
 * and {@link dev.genserver.process.InactivityTimeout}. It may also take a
 * {@link dev.genserver.spring.GenServerContext}.
 *
 * <pre>{@code
 * @HandleInfo
 * void tick(Tick tick, GenServerContext ctx) {
 *     flush();
 *     ctx.sendAfter(tick, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>An info message with no handler is logged at debug level and dropped.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HandleInfo {

    /**
     * The message types this method handles, when it does not take the message as a parameter
     * (or takes a supertype of them).
     *
     * @return the message types, or empty for the type of the message parameter
     */
    Class<?>[] value() default {};
}
