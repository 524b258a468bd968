package dev.genserver.process;

/** A bounded mailbox refused or dropped the message, as its overflow policy says. */
public class MailboxFullException extends GenServerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param messageType the message type
     * @param capacity the mailbox capacity
     * @param policy the overflow policy that applied
     */
    public MailboxFullException(String server, String messageType, int capacity, OverflowPolicy policy) {
        super("mailbox of " + server + " is full (capacity " + capacity + ", policy " + policy + "); "
                + messageType + " was not accepted: slow down, retry later, or raise the capacity",
                server, messageType, null);
    }
}
