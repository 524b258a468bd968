package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link GenServer} that answers calls (requests whose sender waits for the
 * reply) of its message parameter's type.
 *
 * <pre>{@code
 * @HandleCall
 * Total total(GetTotal request) { return new Total(sum); }          // reply at once
 *
 * @HandleCall
 * void quote(GetQuote request, ReplyTo from) {                        // deferred reply
 *     pricing.quoteAsync(request).thenAccept(from::reply);
 * }
 *
 * @HandleCall
 * CompletableFuture<Price> price(GetPrice request) { ... }           // replied when it completes
 * }</pre>
 *
 * <p>Parameters, in any order: the message (a record, a sealed interface, any type; exactly one,
 * unless {@link #value()} names the types), and optionally a
 * {@link dev.genserver.spring.GenServerContext} and a {@link dev.genserver.process.ReplyTo}.
 * The return value is the reply ({@code void} replies {@code null}); with a {@code ReplyTo}
 * parameter the method must be {@code void} and replies through it. A
 * {@code CompletableFuture} or {@code CompletionStage} is a deferred reply.
 *
 * <p>The most specific handler for a message's class wins. An exception the method declares in
 * its {@code throws} clause goes back to the caller and the server keeps running; any other
 * exception crashes the server (the caller gets a
 * {@link dev.genserver.process.CallFailedException}) and its supervisor restarts it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HandleCall {

    /**
     * The message types this method handles, when it does not take the message as a parameter
     * (or takes a supertype of them).
     *
     * @return the message types, or empty for the type of the message parameter
     */
    Class<?>[] value() default {};
}
