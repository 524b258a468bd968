package dev.genserver.spring.actuate.observation;

import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.InactivityTimeout;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.actuate.ServerTags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes every call, cast and info message a server handles ({@code genserver.handler}), as a
 * child of the Observation that was current on the sender's thread when the message was sent: a
 * trace crosses the mailbox, from the HTTP request that called a server to the server that
 * server cast to. Only the Observation is carried across, never the sender's other thread
 * state (transaction, security context, MDC).
 *
 * <p>Supervisors' own messages and inactivity timeouts are not observed.
 */
public class GenServerObservationInterceptor implements HandlerInterceptor {

    private static final GenServerObservationConvention DEFAULT = new DefaultGenServerObservationConvention();

    private final ObservationRegistry registry;
    private final ServerTags tags;
    private final GenServerObservationConvention convention;

    /**
     * Creates the interceptor.
     *
     * @param registry the registry
     * @param tags how processes are grouped
     * @param convention a custom convention, or null for {@link DefaultGenServerObservationConvention}
     */
    public GenServerObservationInterceptor(ObservationRegistry registry, ServerTags tags,
                                           GenServerObservationConvention convention) {
        this.registry = registry;
        this.tags = tags;
        this.convention = convention;
    }

    @Override
    public Object enqueued(ServerRef server, Kind kind, Object message) {
        return registry.getCurrentObservation();
    }

    @Override
    public Scope beforeHandle(ServerRef server, Kind kind, Object message, Object token) {
        if (!kind.isMessage() || registry.isNoop() || message instanceof InactivityTimeout
                || dev.genserver.spring.support.BeanGenServer.isPassivationCheck(message)
                || ServerTags.isSupervisorProcess(server.displayName())) {
            return Scope.NOOP;
        }
        GenServerObservationContext context = new GenServerObservationContext(server, tags.of(server), kind, message);
        Observation observation = GenServerObservationDocumentation.HANDLER.observation(convention, DEFAULT,
                () -> context, registry);
        if (token instanceof Observation parent) {
            observation.parentObservation(parent);
        }
        observation.start();
        Observation.Scope scope = observation.openScope();
        return failure -> {
            scope.close();
            if (failure != null) {
                observation.error(failure);
            }
            observation.stop();
        };
    }

    @Override
    public String toString() {
        return "GenServerObservationInterceptor";
    }
}
