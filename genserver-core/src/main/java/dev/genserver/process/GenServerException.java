package dev.genserver.process;

/**
 * Base of every exception the runtime throws to a client. Each names the server and, where there
 * is one, the type of the message involved.
 */
public class GenServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String server;
    private final String messageType;

    /**
     * Creates the exception.
     *
     * @param message what happened, and what to do about it
     * @param server the server's name or id
     * @param messageType the class name of the message involved, or null
     * @param cause the cause, or null
     */
    public GenServerException(String message, String server, String messageType, Throwable cause) {
        super(message, cause);
        this.server = server;
        this.messageType = messageType;
    }

    /**
     * Returns the server this is about.
     *
     * @return its name, or its id for an anonymous server
     */
    public String server() {
        return server;
    }

    /**
     * Returns the class name of the message involved.
     *
     * @return the message type, or null
     */
    public String messageType() {
        return messageType;
    }

    static String typeOf(Object message) {
        return message == null ? "null" : message.getClass().getName();
    }
}
