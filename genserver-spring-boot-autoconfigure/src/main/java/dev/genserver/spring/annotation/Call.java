package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} method of a client interface as a call instead of a cast: the caller
 * waits until the server has handled it (and gets its exceptions).
 *
 * <pre>{@code
 * interface LedgerApi {
 *     @Call void post(Entry entry);     // returns once posted
 *     void log(String line);            // a cast: returns at once
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Call {
}
