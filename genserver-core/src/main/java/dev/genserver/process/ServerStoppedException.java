package dev.genserver.process;

/**
 * The server stopped or died before it answered this call: it returned a stop result, crashed
 * while handling another message, was killed, was shut down with this call still queued, or its
 * supervisor gave up.
 */
public class ServerStoppedException extends GenServerException {

    private static final long serialVersionUID = 1L;

    private final transient ExitReason reason;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param messageType the request type
     * @param reason the server's exit reason
     */
    public ServerStoppedException(String server, String messageType, ExitReason reason) {
        super("server " + server + " stopped (" + reason + ") before replying to " + messageType, server,
                messageType, reason instanceof ExitReason.Crash c ? c.cause() : null);
        this.reason = reason;
    }

    /**
     * Returns why the server stopped.
     *
     * @return the exit reason
     */
    public ExitReason reason() {
        return reason;
    }
}
