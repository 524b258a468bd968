package dev.genserver.spring.autoconfigure.actuate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How Actuator and health read the servers, under {@code genserver.inspection.*}. */
@ConfigurationProperties("genserver.inspection")
public class GenServerInspectionProperties {

    /**
     * How long to wait for a supervisor's list of children or a server's state before showing
     * the process without them (a busy or suspended process must not hang a health check).
     */
    private Duration timeout = Duration.ofSeconds(5);

    /** Creates the defaults. */
    public GenServerInspectionProperties() {
    }

    /**
     * Returns the timeout.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * Sets the timeout.
     *
     * @param timeout the timeout
     */
    public void setTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("'timeout' must be positive");
        }
        this.timeout = timeout;
    }
}
