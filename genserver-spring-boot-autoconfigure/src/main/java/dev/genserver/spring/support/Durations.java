package dev.genserver.spring.support;

import dev.genserver.process.ServerRef;
import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.PropertyResolver;

/**
 * Parses the durations written in annotations: Spring Boot's formats ({@code 500ms},
 * {@code 5s}, {@code PT1M}), {@code infinity}, and {@code ${...}} placeholders.
 */
final class Durations {

    private Durations() {
    }

    /**
     * Parses a duration attribute.
     *
     * @param value the attribute value; empty means "not set"
     * @param resolver resolves placeholders, or null
     * @return the duration ({@link ServerRef#INFINITY} for {@code infinity}), or null when empty
     * @throws IllegalArgumentException when the value is not a duration
     */
    public static Duration parse(String value, PropertyResolver resolver) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = resolver == null ? value.trim() : resolver.resolveRequiredPlaceholders(value).trim();
        if (text.equalsIgnoreCase("infinity")) {
            return ServerRef.INFINITY;
        }
        Duration d = DurationStyle.detectAndParse(text);
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration '" + value + "'");
        }
        return d;
    }
}
