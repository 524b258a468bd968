package dev.genserver.process;

import java.time.Duration;

/**
 * A call got no reply within its timeout. The request may still be handled later; its reply is
 * then discarded, and if it is still queued when the server reaches it, it is skipped.
 */
public class CallTimeoutException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /** The timeout that elapsed. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param messageType the request type
     * @param timeout the timeout that elapsed
     */
    public CallTimeoutException(String server, String messageType, Duration timeout) {
        super("call to " + server + " with " + messageType + " timed out after " + timeout.toMillis()
                + " ms; the server is busy or stuck (see its inspection data), or pass a longer timeout",
                server, messageType, null);
        this.timeout = timeout;
    }

    /**
     * Returns the timeout that elapsed.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
