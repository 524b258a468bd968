package dev.genserver.process;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A server called itself, which would wait for ever for its own reply: the shortest
 * {@linkplain CallCycleException call cycle} ({@code a → a}), refused at once and handled the same
 * way (a handler that lets it escape crashes its server, and the server's caller receives this
 * exception, not a {@link CallFailedException} around it).
 */
public class CallingSelfException extends CallCycleException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param messageType the request type
     */
    public CallingSelfException(String server, String messageType) {
        this("server " + server + " called itself with " + messageType + " (call cycle: " + server + " → " + server
                + "); handle the request directly or cast it to self instead", server, messageType, null);
    }

    private CallingSelfException(String message, String server, String messageType,
                                 @Nullable CallCycleException original) {
        super(message, server, messageType, List.of(server, server), original);
    }

    @Override
    CallCycleException relayed() {
        return new CallingSelfException(rawMessage(), server(), messageType(), original());
    }
}
