package dev.genserver.process;

import java.util.List;

/**
 * Blocking calls formed a cycle (A calls B while B calls A): the last call would deadlock and
 * fails at once instead.
 */
public class CallCycleException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /** The servers in the cycle, from the caller back to the caller. */
    private final List<String> chain;

    /**
     * Creates the exception.
     *
     * @param server the server that was called
     * @param messageType the request type
     * @param chain the servers in the cycle, from the caller back to the caller
     */
    public CallCycleException(String server, String messageType, List<String> chain) {
        super("call cycle " + String.join(" -> ", chain) + " with " + messageType
                + " would deadlock; break the cycle with a cast or a deferred reply", server, messageType, null);
        this.chain = List.copyOf(chain);
    }

    /**
     * Returns the cycle.
     *
     * @return server names from the caller back to the caller
     */
    public List<String> chain() {
        return chain;
    }
}
