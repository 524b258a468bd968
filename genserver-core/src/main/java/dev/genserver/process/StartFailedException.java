package dev.genserver.process;

/** A server did not start: its init returned stop, threw, or took longer than the start timeout. */
public class StartFailedException extends GenServerException {

    private static final long serialVersionUID = 1L;

    private final transient ExitReason reason;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param reason why it did not start
     */
    public StartFailedException(String server, ExitReason reason) {
        this(server, reason, "server " + server + " failed to start: " + reason);
    }

    /**
     * Creates the exception with a specific message.
     *
     * @param server the server's name
     * @param reason why it did not start
     * @param message the message
     */
    protected StartFailedException(String server, ExitReason reason, String message) {
        super(message, server, null, reason instanceof ExitReason.Crash c ? c.cause() : null);
        this.reason = reason;
    }

    /**
     * Returns why the server did not start.
     *
     * @return the reason
     */
    public ExitReason reason() {
        return reason;
    }
}
