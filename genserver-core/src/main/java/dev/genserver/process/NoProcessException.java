package dev.genserver.process;

import org.jspecify.annotations.Nullable;

/** There is no such server, or it is no longer alive. */
public class NoProcessException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /** What the message says when the sender knows nothing more about the missing server. */
    private static final String UNKNOWN = "it was never started, or it has stopped and is not supervised";

    /** Why the server is not running, as the sender knew it; absent when it knew nothing more. */
    private final @Nullable String explanation;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param messageType the request type
     */
    public NoProcessException(String server, String messageType) {
        this(server, messageType, null);
    }

    /**
     * Creates the exception with what the sender knows about why the server is not running (for
     * example, that its supervisor gave up), instead of the generic explanation.
     *
     * @param server the server's name
     * @param messageType the request type
     * @param explanation why the server is not running; absent when that is not known
     */
    public NoProcessException(String server, String messageType, @Nullable String explanation) {
        super("no process " + server + " to handle " + messageType + "; "
                + (explanation == null ? UNKNOWN : explanation), server, messageType, null);
        this.explanation = explanation;
    }

    /**
     * Returns why the server is not running, as the sender knew it.
     *
     * @return the explanation; absent when the sender knew nothing more than that it is missing
     */
    public String explanation() {
        return explanation;
    }
}
