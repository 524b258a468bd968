package dev.genserver.process;

/** What a bounded mailbox does with a message that arrives when it is full. */
public enum OverflowPolicy {
    /** The sender gets a {@link MailboxFullException}; a call fails at once. */
    REJECT,
    /** The new message is dropped and counted as a dead letter; a dropped call fails at once. */
    DROP_NEWEST,
    /** The oldest queued message is dropped and counted as a dead letter to make room; a dropped call fails at once. */
    DROP_OLDEST,
    /** The sender waits for room up to the mailbox's block timeout, then gets a {@link MailboxFullException}. */
    BLOCK
}
