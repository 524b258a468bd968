package dev.genserver.spring.actuate.endpoint;

import dev.genserver.spring.actuate.ProcessDescriptor;
import dev.genserver.spring.actuate.WorkerDescriptor;
import dev.genserver.spring.actuate.endpoint.GenServersEndpointWebExtension.GenServersEndpointWebExtensionRuntimeHints;
import java.util.Set;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * The web side of {@link GenServersEndpoint}: shows a server's state when
 * {@code management.endpoint.genservers.show-values} allows it for the current user, and answers
 * with the HTTP status an operation deserves (404 for an unknown name, 400 for an action that does
 * not apply, 409 when the runtime refused it).
 */
@EndpointWebExtension(endpoint = GenServersEndpoint.class)
@ImportRuntimeHints(GenServersEndpointWebExtensionRuntimeHints.class)
public class GenServersEndpointWebExtension {

    private final GenServersEndpoint delegate;
    private final Show showValues;
    private final Set<String> roles;

    /**
     * Creates the extension.
     *
     * @param delegate the endpoint
     * @param showValues when a server's state is shown
     * @param roles the roles allowed to see state when {@code showValues} is {@code when-authorized}
     */
    public GenServersEndpointWebExtension(GenServersEndpoint delegate, Show showValues, Set<String> roles) {
        this.delegate = delegate;
        this.showValues = showValues;
        this.roles = Set.copyOf(roles);
    }

    /**
     * Returns one process, with its state when allowed.
     *
     * @param securityContext the current user
     * @param name the name
     * @return the process, or 404
     */
    @ReadOperation
    public WebEndpointResponse<ProcessDescriptor> genServer(SecurityContext securityContext, @Selector String name) {
        return handleNull(delegate.describe(name, showValues.isShown(securityContext, roles)));
    }

    /**
     * Returns the instance of a keyed server for a key, with its state when allowed.
     *
     * @param securityContext the current user
     * @param name the keyed server's name
     * @param key the key
     * @return the instance, or 404
     */
    @ReadOperation
    public WebEndpointResponse<WorkerDescriptor> genServerInstance(SecurityContext securityContext,
                                                                   @Selector String name, @Selector String key) {
        return handleNull(delegate.describeInstance(name, key, showValues.isShown(securityContext, roles)));
    }

    /**
     * Restarts, suspends or resumes a process.
     *
     * @param name the name
     * @param action {@code restart}, {@code suspend} or {@code resume}
     * @return the process afterwards, 404, 400 or 409
     */
    @WriteOperation
    public WebEndpointResponse<Object> operateGenServer(@Selector String name, String action) {
        return respond(delegate.operate(name, null, action));
    }

    /**
     * Restarts (stops, until the next message), suspends or resumes a keyed instance.
     *
     * @param name the keyed server's name
     * @param key the key
     * @param action {@code restart}, {@code suspend} or {@code resume}
     * @return the instance afterwards, 404, 400 or 409
     */
    @WriteOperation
    public WebEndpointResponse<Object> operateGenServerInstance(@Selector String name, @Selector String key,
                                                                String action) {
        return respond(delegate.operate(name, key, action));
    }

    private static <T> WebEndpointResponse<T> handleNull(T value) {
        return value != null ? new WebEndpointResponse<>(value)
                : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }

    private static WebEndpointResponse<Object> respond(GenServersEndpoint.Outcome outcome) {
        if (outcome.status() == GenServersEndpoint.Outcome.OK) {
            return new WebEndpointResponse<>(outcome.process());
        }
        if (outcome.error() == null) {
            return new WebEndpointResponse<>(outcome.status());
        }
        return new WebEndpointResponse<>(new GenServersEndpoint.ErrorDescriptor(outcome.error()), outcome.status());
    }

    /** Binding hints for the descriptors the endpoint answers with, for a native image. */
    static class GenServersEndpointWebExtensionRuntimeHints implements RuntimeHintsRegistrar {

        private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

        @Override
        public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
            bindingRegistrar.registerReflectionHints(hints.reflection(),
                    GenServersEndpoint.DESCRIPTORS.toArray(Class<?>[]::new));
        }
    }
}
