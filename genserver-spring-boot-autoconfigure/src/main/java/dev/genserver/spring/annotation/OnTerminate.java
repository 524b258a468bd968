package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code void} method of a {@link GenServer} that runs when the server stops in an
 * orderly way or crashes: not when it is killed ({@code brutal_kill}) or when init failed. It may
 * take the {@link dev.genserver.process.ExitReason} and a
 * {@link dev.genserver.spring.GenServerContext}. An exception here is logged; the stop
 * goes on. At most one per class.
 *
 * <pre>{@code
 * @OnTerminate
 * void flush(ExitReason reason) { repository.save(snapshot()); }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnTerminate {
}
