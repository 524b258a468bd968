package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the key of a keyed server instance (see {@link Keyed}) into a field, or into a
 * parameter of the {@link OnInit} method. The field is set before {@code @PostConstruct} runs.
 *
 * <pre>{@code
 * @GenServer @Keyed
 * class Cart implements CartApi {
 *     @ServerKey String userId;
 * }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServerKey {
}
