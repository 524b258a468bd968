package dev.genserver.spring.actuate.observation;

import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.ServerRef;
import io.micrometer.observation.Observation;

/** The context of the Observation around one message handled by a server. */
public class GenServerObservationContext extends Observation.Context {

    private final ServerRef server;
    private final String serverTag;
    private final HandlerInterceptor.Kind kind;
    private final Object message;

    /**
     * Creates the context.
     *
     * @param server the server
     * @param serverTag the server's name, or for a keyed instance the keyed server's name
     * @param kind call, cast or info
     * @param message the message
     */
    public GenServerObservationContext(ServerRef server, String serverTag, HandlerInterceptor.Kind kind,
                                       Object message) {
        this.server = server;
        this.serverTag = serverTag;
        this.kind = kind;
        this.message = message;
    }

    /**
     * Returns the server.
     *
     * @return the server
     */
    public ServerRef getServer() {
        return server;
    }

    /**
     * Returns the server's low-cardinality name.
     *
     * @return the server's name, or for a keyed instance the keyed server's name
     */
    public String getServerTag() {
        return serverTag;
    }

    /**
     * Returns what is handled.
     *
     * @return call, cast or info
     */
    public HandlerInterceptor.Kind getKind() {
        return kind;
    }

    /**
     * Returns the message.
     *
     * @return the message
     */
    public Object getMessage() {
        return message;
    }
}
