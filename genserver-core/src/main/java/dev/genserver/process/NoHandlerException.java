package dev.genserver.process;

/** The server has no handler for this request. The server keeps running. */
public class NoHandlerException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param serverType the server's class
     * @param messageType the request type
     */
    public NoHandlerException(String server, String serverType, String messageType) {
        super("server " + server + " (" + serverType + ") has no call handler for " + messageType
                + "; add one or send a request type it handles", server, messageType, null);
    }
}
