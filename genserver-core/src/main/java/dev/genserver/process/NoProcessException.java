package dev.genserver.process;

/** There is no such server, or it is no longer alive. */
public class NoProcessException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param messageType the request type
     */
    public NoProcessException(String server, String messageType) {
        super("no process " + server + " to handle " + messageType
                + "; it was never started, or it has stopped and is not supervised", server, messageType, null);
    }
}
