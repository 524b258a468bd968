package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} method of a {@link GenServer} that handles casts (fire-and-forget
 * messages) of its message parameter's type; it may also take a
 * {@link dev.genserver.spring.GenServerContext}.
 *
 * <pre>{@code
 * @HandleCast
 * void add(AddItem message) { items.add(message.item()); }
 * }</pre>
 *
 * <p>The most specific handler for a message's class wins; a cast with no handler becomes a dead
 * letter and the server keeps running. An exception crashes the server.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HandleCast {

    /**
     * The message types this method handles, when it does not take the message as a parameter
     * (or takes a supertype of them).
     *
     * @return the message types, or empty for the type of the message parameter
     */
    Class<?>[] value() default {};
}
