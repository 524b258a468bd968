package dev.genserver.spring.autoconfigure.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Logging context of handlers, under {@code genserver.logging.*}. */
@ConfigurationProperties("genserver.logging")
public class GenServerLoggingProperties {

    private final Mdc mdc = new Mdc();

    /** Creates the defaults. */
    public GenServerLoggingProperties() {
    }

    /**
     * Returns the MDC settings.
     *
     * @return the settings
     */
    public Mdc getMdc() {
        return mdc;
    }

    /** The logging MDC while a handler runs. */
    public static class Mdc {

        /**
         * Whether log lines written by a handler carry the server's name (genserver.server) and
         * the message type (genserver.message) in the MDC.
         */
        private boolean enabled = true;

        /** Creates the defaults. */
        public Mdc() {
        }

        /**
         * Returns whether the MDC is set.
         *
         * @return the value
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the MDC is set.
         *
         * @param enabled the value
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
