package dev.genserver.process;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Base of every exception the runtime throws to a client. Each names the server and, where there
 * is one, the type of the message involved.
 */
public class GenServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The server's name or id. */
    private final String server;
    /** The class name of the message involved, if any. */
    private final @Nullable String messageType;
    /** The timeout of the call this failure answers, when it answers a call. */
    private @Nullable Duration callTimeout;

    /**
     * Creates the exception.
     *
     * @param message what happened, and what to do about it
     * @param server the server's name or id
     * @param messageType the class name of the message involved, if there is one
     * @param cause the cause, if any
     */
    public GenServerException(String message, String server, @Nullable String messageType,
                              @Nullable Throwable cause) {
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
     * @return the message type; absent when no message was involved
     */
    public @Nullable String messageType() {
        return messageType;
    }

    /**
     * Returns the timeout of the call this exception answered.
     *
     * @return the timeout; absent when no call was involved
     */
    public @Nullable Duration callTimeout() {
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

    /** The message as created, without the call timeout that {@link #getMessage()} appends. */
    final String rawMessage() {
        return super.getMessage();
    }

    static String typeOf(@Nullable Object message) {
        if (message instanceof DescribedMessage d) {
            return d.messageType();
        }
        return message == null ? "null" : message.getClass().getName();
    }
}
