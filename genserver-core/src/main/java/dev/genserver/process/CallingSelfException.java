package dev.genserver.process;

/** A server called itself, which would wait forever for its own reply. */
public class CallingSelfException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param messageType the request type
     */
    public CallingSelfException(String server, String messageType) {
        super("server " + server + " called itself with " + messageType
                + "; handle the request directly or cast it to self instead", server, messageType, null);
    }
}
