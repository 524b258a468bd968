package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link GenServer} that shows its state to inspection, crash logs and
 * Actuator (OTP's {@code format_status}): no parameters, returns what may be shown. If it throws,
 * nothing is shown. At most one per class. Without it the state is shown as a map of the
 * instance's fields, with {@link Redact} fields masked.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FormatStatus {
}
