package dev.genserver.cluster;

import dev.genserver.process.GenServerException;

/**
 * The member running the server left (crashed, was cut off, or stopped) while a call to it was in
 * flight. The request may or may not have been handled: it is never sent again (at most once,
 * contract §17.3). Thrown as soon as the membership change is seen, not after the call timeout.
 */
public final class NodeDownException extends GenServerException {

    private final String member;

    /**
     * Creates the exception.
     *
     * @param server the server called
     * @param messageType the class name of the request
     * @param member the member that left
     */
    public NodeDownException(String server, String messageType, String member) {
        super("member " + member + " running '" + server + "' left while a " + messageType
                + " was in flight; it may or may not have been handled and is not sent again: "
                + "retry only if the request is idempotent", server, messageType, null);
        this.member = member;
    }

    /**
     * Returns the member that left.
     *
     * @return its id
     */
    public String member() {
        return member;
    }
}
