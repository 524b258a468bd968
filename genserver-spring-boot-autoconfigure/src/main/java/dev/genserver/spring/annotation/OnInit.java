package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code void} method of a {@link GenServer} that initialises a fresh instance, on the
 * server's own thread, before any message; start (and so the application's startup) waits for
 * it. It may take a {@link dev.genserver.spring.GenServerContext}, through which it can
 * set an inactivity timeout, hibernate, continue, or refuse to start ({@code ctx.ignore()},
 * {@code ctx.stop(reason)}). An exception fails the start.
 *
 * <p>At most one per class. Constructor injection and {@code @PostConstruct} still run, on the
 * thread that creates the instance; use this hook for what must run on the server's thread.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnInit {
}
