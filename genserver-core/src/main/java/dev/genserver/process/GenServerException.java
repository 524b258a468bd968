package dev.genserver.process;

import java.time.Duration;

/**
 * Base of every exception the runtime throws to a client. Each names the server and, where there
 * is one, the type of the message involved.
 */
public class GenServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The server's name or id. */
    private final String server;
    /** The class name of the message involved, or null. */
    private final String messageType;
    /** The timeout of the call this failure answers, when it answers a call. */
    private Duration callTimeout;

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

    /**
     * Returns the timeout of the call this exception answered.
     *
     * @return the timeout, or null when no call was involved
     */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** Records the timeout of the call this exception answers; it then appears in the message. */
    GenServerException forCall(Duration timeout) {
        if (callTimeout == null) {
            callTimeout = timeout;
        }
        return this;
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        Duration t = callTimeout;
        if (t == null || this instanceof CallTimeoutException) {
            return message;
        }
        return message + " [call timeout " + (t.compareTo(ServerRef.INFINITY) >= 0 ? "infinity" : t.toMillis() + " ms")
                + "]";
    }

    static String typeOf(Object message) {
        if (message instanceof DescribedMessage d) {
            return d.messageType();
        }
        return message == null ? "null" : message.getClass().getName();
    }
}
