package dev.genserver.benchmarks.ours.sessions;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application: component scanning finds {@link Session} in this package, the starter's
 * auto-configuration (read from the jar's {@code AutoConfiguration.imports}) runs it. Started by
 * {@link Sessions}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SessionsApplication {

    /** Created by Spring. */
    public SessionsApplication() {
    }
}
