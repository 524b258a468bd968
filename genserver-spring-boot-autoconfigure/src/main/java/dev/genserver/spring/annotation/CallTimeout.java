package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The timeout of calls through a client interface method (or, on the interface, through all of
 * its methods), overriding the server's and the {@code genserver.call-timeout} default.
 *
 * <pre>{@code
 * interface ReportApi {
 *     @CallTimeout("30s") Report build(Period period);
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CallTimeout {

    /**
     * The timeout: a duration ({@code 500ms}, {@code 30s}, {@code PT1M}), {@code infinity}, or a
     * {@code ${...}} placeholder.
     *
     * @return the timeout
     */
    String value();
}
