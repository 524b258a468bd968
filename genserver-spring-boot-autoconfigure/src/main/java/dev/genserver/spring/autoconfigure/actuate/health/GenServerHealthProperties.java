package dev.genserver.spring.autoconfigure.actuate.health;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code genservers} health contributor, under {@code genserver.health.*}. */
@ConfigurationProperties("genserver.health")
public class GenServerHealthProperties {

    /**
     * Mailbox length at or above which a server makes the health DEGRADED (0 to never). Add
     * DEGRADED to management.endpoint.health.status.order (and its http-mapping) for it to count
     * in the aggregate status.
     */
    private int mailboxBacklogThreshold = 10_000;

    /** Creates the defaults. */
    public GenServerHealthProperties() {
    }

    /**
     * Returns the threshold.
     *
     * @return the mailbox length, or 0 when off
     */
    public int getMailboxBacklogThreshold() {
        return mailboxBacklogThreshold;
    }

    /**
     * Sets the threshold.
     *
     * @param mailboxBacklogThreshold the mailbox length, or 0 to turn it off
     */
    public void setMailboxBacklogThreshold(int mailboxBacklogThreshold) {
        if (mailboxBacklogThreshold < 0) {
            throw new IllegalArgumentException("'mailbox-backlog-threshold' must be zero (off) or more");
        }
        this.mailboxBacklogThreshold = mailboxBacklogThreshold;
    }
}
