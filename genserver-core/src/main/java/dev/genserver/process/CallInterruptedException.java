package dev.genserver.process;

/**
 * The calling thread was interrupted while it waited for a reply. The thread's interrupt flag is
 * set again; a late reply is discarded.
 */
public class CallInterruptedException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param messageType the request type
     */
    public CallInterruptedException(String server, String messageType) {
        super("interrupted while waiting for " + server + " to answer " + messageType, server, messageType, null);
    }
}
