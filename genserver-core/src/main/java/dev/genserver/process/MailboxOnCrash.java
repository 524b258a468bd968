package dev.genserver.process;

/**
 * What happens to a supervised server's queued messages when it crashes and is restarted.
 * The message that crashed the server is never redelivered; it is reported in
 * {@link ServerInfo#lastCrash()}.
 */
public enum MailboxOnCrash {
    /** The mailbox belongs to the name and survives: the fresh instance handles what is queued (the default). */
    KEEP,
    /** OTP's behaviour: every queued call fails at once and queued casts become dead letters. */
    DROP
}
