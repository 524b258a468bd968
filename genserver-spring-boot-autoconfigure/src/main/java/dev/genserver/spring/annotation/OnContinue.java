package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} method of a {@link GenServer} that runs when a callback asked to continue
 * with an argument of its parameter's type ({@code ctx.continueWith(argument)}), before any
 * queued message. The place for heavy initialisation that must not hold up start:
 *
 * <pre>{@code
 * @OnInit
 * void init(GenServerContext ctx) { ctx.continueWith(new LoadCache()); }
 *
 * @OnContinue
 * void load(LoadCache step) { cache.putAll(repository.findAll()); }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnContinue {

    /**
     * The message types this method handles, when it does not take the message as a parameter
     * (or takes a supertype of them).
     *
     * @return the message types, or empty for the type of the message parameter
     */
    Class<?>[] value() default {};
}
