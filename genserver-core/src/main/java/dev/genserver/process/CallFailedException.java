package dev.genserver.process;

/**
 * The server threw while handling this call. The handler's exception is the cause; the server
 * itself crashed with it (and is restarted if supervised).
 */
public class CallFailedException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param messageType the request type
     * @param cause what the handler threw
     */
    public CallFailedException(String server, String messageType, Throwable cause) {
        super("server " + server + " crashed while handling " + messageType + ": " + cause, server, messageType,
                cause);
    }
}
