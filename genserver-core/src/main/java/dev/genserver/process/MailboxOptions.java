package dev.genserver.process;

import java.time.Duration;
import java.util.Objects;

/**
 * A server's mailbox bound. Unbounded by default. Signals the runtime itself generates
 * ({@link Down}, {@link ExitSignal}, {@link InactivityTimeout}) and inspection requests are never
 * refused, so a full mailbox can neither hide a crash nor wedge a caller waiting for a reply.
 *
 * @param capacity the most messages the mailbox holds; {@link Integer#MAX_VALUE} for unbounded
 * @param policy what happens to a message that arrives when it is full
 * @param blockTimeout how long a sender waits for room under {@link OverflowPolicy#BLOCK}
 */
public record MailboxOptions(int capacity, OverflowPolicy policy, Duration blockTimeout) {

    /** No bound. */
    public static final MailboxOptions UNBOUNDED = new MailboxOptions(Integer.MAX_VALUE, OverflowPolicy.REJECT,
            Duration.ZERO);

    /**
     * Validates the options.
     *
     * @param capacity at least 1
     * @param policy the overflow policy
     * @param blockTimeout zero or positive
     */
    public MailboxOptions {
        if (capacity < 1) {
            throw new IllegalArgumentException("mailbox capacity must be at least 1, was " + capacity);
        }
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        if (blockTimeout.isNegative()) {
            throw new IllegalArgumentException("block timeout must not be negative: " + blockTimeout);
        }
    }

    /**
     * A bounded mailbox that rejects, or drops, what does not fit.
     *
     * @param capacity the bound
     * @param policy {@link OverflowPolicy#REJECT}, {@link OverflowPolicy#DROP_NEWEST} or {@link OverflowPolicy#DROP_OLDEST}
     * @return the options
     */
    public static MailboxOptions bounded(int capacity, OverflowPolicy policy) {
        if (policy == OverflowPolicy.BLOCK) {
            throw new IllegalArgumentException("a blocking mailbox needs a timeout: use MailboxOptions.blocking");
        }
        return new MailboxOptions(capacity, policy, Duration.ZERO);
    }

    /**
     * A bounded mailbox whose senders wait for room.
     *
     * @param capacity the bound
     * @param timeout how long a sender waits before a {@link MailboxFullException}
     * @return the options
     */
    public static MailboxOptions blocking(int capacity, Duration timeout) {
        return new MailboxOptions(capacity, OverflowPolicy.BLOCK, timeout);
    }

    /**
     * Tells whether the mailbox has a bound.
     *
     * @return true when bounded
     */
    public boolean isBounded() {
        return capacity != Integer.MAX_VALUE;
    }
}
