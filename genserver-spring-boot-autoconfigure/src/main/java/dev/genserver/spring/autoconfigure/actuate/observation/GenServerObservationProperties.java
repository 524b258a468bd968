package dev.genserver.spring.autoconfigure.actuate.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Observations of handled messages, under {@code genserver.observation.*}. */
@ConfigurationProperties("genserver.observation")
public class GenServerObservationProperties {

    /**
     * Whether each handled message is observed (genserver.handler), carrying the sender's trace
     * into the server.
     */
    private boolean enabled = true;

    /** Creates the defaults. */
    public GenServerObservationProperties() {
    }

    /**
     * Returns whether messages are observed.
     *
     * @return the value
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether messages are observed.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
