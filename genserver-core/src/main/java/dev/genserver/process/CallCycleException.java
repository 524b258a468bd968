package dev.genserver.process;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A blocking call would close a cycle of blocking calls (A calls B while B calls A, or longer),
 * which would deadlock: it fails at once instead, before the request is sent. Beyond OTP, where
 * such a call waits out its timeout.
 *
 * <p>What happens in the cycle of A → B → A, B's handler making the closing call:
 * <ul>
 *   <li>B's call throws this exception at once; its {@link #chain()} is {@code [a, b, a]} and its
 *       message reads {@code call cycle: a → b → a}.</li>
 *   <li>If B's handler catches it, B answers as it likes and nothing crashes.</li>
 *   <li>If B's handler lets it escape, B crashes with it as it would with any exception (as in
 *       OTP, where the calling process exits unless it catches); but A, waiting on B, receives
 *       this same exception (a copy with the same chain, the original as its cause), not a
 *       {@link CallFailedException} around it. So does every caller further up: each server in
 *       the chain crashes only if its own handler lets it escape, and whoever called the first
 *       server, a plain thread or another server, gets a {@code CallCycleException} that shows the
 *       whole cycle.</li>
 * </ul>
 * A server calling itself is the shortest cycle: {@link CallingSelfException}, with the chain
 * {@code [a, a]}, which is handled the same way. Break a cycle with a cast, or with a deferred
 * reply ({@link Result#noReply} and {@link ReplyTo#reply} later).
 */
public class CallCycleException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /** The servers in the cycle, from the caller back to the caller. */
    private final List<String> chain;

    /**
     * Creates the exception.
     *
     * @param server the server the closing call was addressed to (the first of the chain)
     * @param messageType the request type of the closing call
     * @param chain the servers in the cycle, in the order of their calls, the first one last again
     */
    public CallCycleException(String server, String messageType, List<String> chain) {
        this("call cycle: " + String.join(" → ", chain) + " (" + messageType
                + " would deadlock); break the cycle with a cast or a deferred reply, or catch CallCycleException",
                server, messageType, chain, null);
    }

    /** For subclasses and copies: a message of their own, and the original exception when relayed. */
    CallCycleException(String message, String server, String messageType, List<String> chain,
                       @Nullable CallCycleException original) {
        super(message, server, messageType, original);
        this.chain = List.copyOf(chain);
    }

    /**
     * Returns the cycle.
     *
     * @return server names in the order of their calls, from the first server back to it
     */
    public List<String> chain() {
        return chain;
    }

    /**
     * A copy for the caller of a server whose handler let this escape: the same type, server,
     * request type and chain, with its own stack trace and call timeout, and the original (where
     * the cycle was found) as its cause.
     */
    CallCycleException relayed() {
        return new CallCycleException(rawMessage(), server(), messageType(), chain, original());
    }

    /** The exception thrown where the cycle was found: this one, or the cause of a relayed copy. */
    final CallCycleException original() {
        return getCause() instanceof CallCycleException first ? first : this;
    }
}
