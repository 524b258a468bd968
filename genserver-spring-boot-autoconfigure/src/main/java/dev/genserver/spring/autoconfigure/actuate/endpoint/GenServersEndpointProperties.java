package dev.genserver.spring.autoconfigure.actuate.endpoint;

import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Configuration of the {@code genservers} endpoint, under {@code management.endpoint.genservers.*}. */
@ConfigurationProperties("management.endpoint.genservers")
public class GenServersEndpointProperties {

    /**
     * When to show a server's state (always as its redaction hook shows it): never,
     * when-authorized or always.
     */
    private Show showValues = Show.NEVER;

    /**
     * Roles allowed to see a server's state when show-values is when-authorized. When empty,
     * every authenticated user is.
     */
    private final Set<String> roles = new HashSet<>();

    /** Creates the defaults. */
    public GenServersEndpointProperties() {
    }

    /**
     * Returns when a server's state is shown.
     *
     * @return the setting
     */
    public Show getShowValues() {
        return showValues;
    }

    /**
     * Sets when a server's state is shown.
     *
     * @param showValues the setting
     */
    public void setShowValues(Show showValues) {
        this.showValues = showValues;
    }

    /**
     * Returns the roles allowed to see state.
     *
     * @return the roles
     */
    public Set<String> getRoles() {
        return roles;
    }
}
