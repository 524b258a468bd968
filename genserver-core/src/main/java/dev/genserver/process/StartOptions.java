package dev.genserver.process;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to start a server. Immutable; each {@code with...} returns a copy.
 *
 * <pre>{@code
 * StartOptions.named("cart-42")
 *     .withMailbox(MailboxOptions.bounded(1_000, OverflowPolicy.REJECT))
 *     .withCallTimeout(Duration.ofSeconds(2));
 * }</pre>
 */
public final class StartOptions {

    /** The default call timeout: 5 seconds, as in OTP. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

    private static final StartOptions DEFAULTS = new StartOptions(null, ServerRef.INFINITY, DEFAULT_CALL_TIMEOUT,
            MailboxOptions.UNBOUNDED, false, MailboxOnCrash.KEEP, false, false);

    private final @Nullable String name;
    private final Duration startTimeout;
    private final Duration callTimeout;
    private final MailboxOptions mailbox;
    private final boolean restartable;
    private final MailboxOnCrash mailboxOnCrash;
    private final boolean drainOnStop;
    private final boolean linkToCaller;

    private StartOptions(@Nullable String name, Duration startTimeout, Duration callTimeout, MailboxOptions mailbox,
                         boolean restartable, MailboxOnCrash mailboxOnCrash, boolean drainOnStop,
                         boolean linkToCaller) {
        this.name = name;
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
        this.restartable = restartable;
        this.mailboxOnCrash = Objects.requireNonNull(mailboxOnCrash, "mailboxOnCrash");
        this.drainOnStop = drainOnStop;
        this.linkToCaller = linkToCaller;
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("start timeout must be positive: " + startTimeout);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("call timeout must be positive: " + callTimeout);
        }
    }

    /**
     * Anonymous server, unbounded mailbox, no start timeout, 5 s call timeout.
     *
     * @return the defaults
     */
    public static StartOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults with a registered name.
     *
     * @param name the name, unique among live servers of the runtime
     * @return the options
     */
    public static StartOptions named(String name) {
        return DEFAULTS.withName(name);
    }

    /**
     * Registers the server under {@code name}.
     *
     * @param name the name; absent for an anonymous server
     * @return a copy
     */
    public StartOptions withName(@Nullable String name) {
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("server name must not be blank");
        }
        return new StartOptions(name, startTimeout, callTimeout, mailbox, restartable, mailboxOnCrash, drainOnStop,
                linkToCaller);
    }

    /**
     * Limits how long start waits for init; past it the half-started server is killed and start
     * fails with {@link StartTimeoutException}.
     *
     * @param timeout the limit, or {@link ServerRef#INFINITY} (the default)
     * @return a copy
     */
    public StartOptions withStartTimeout(Duration timeout) {
        return new StartOptions(name, timeout, callTimeout, mailbox, restartable, mailboxOnCrash, drainOnStop,
                linkToCaller);
    }

    /**
     * Sets the timeout of {@link ServerRef#call(Object)} for this server.
     *
     * @param timeout the timeout, or {@link ServerRef#INFINITY}
     * @return a copy
     */
    public StartOptions withCallTimeout(Duration timeout) {
        return new StartOptions(name, startTimeout, timeout, mailbox, restartable, mailboxOnCrash, drainOnStop,
                linkToCaller);
    }

    /**
     * Bounds the mailbox.
     *
     * @param mailbox the bound and overflow policy
     * @return a copy
     */
    public StartOptions withMailbox(MailboxOptions mailbox) {
        return new StartOptions(name, startTimeout, callTimeout, mailbox, restartable, mailboxOnCrash, drainOnStop,
                linkToCaller);
    }

    /**
     * For supervisors, through {@link SupervisorAccess#restartable}: when the server exits, it
     * waits in {@link ServerStatus#RESTARTING} with its name and mailbox until its owner restarts
     * or discards it.
     */
    StartOptions withRestartable(boolean restartable) {
        return new StartOptions(name, startTimeout, callTimeout, mailbox, restartable, mailboxOnCrash, drainOnStop,
                linkToCaller);
    }

    /**
     * Chooses whether queued messages survive a crash of a restartable server.
     *
     * @param policy {@link MailboxOnCrash#KEEP} (the default) or {@link MailboxOnCrash#DROP}
     * @return a copy
     */
    public StartOptions withMailboxOnCrash(MailboxOnCrash policy) {
        return new StartOptions(name, startTimeout, callTimeout, mailbox, restartable, policy, drainOnStop,
                linkToCaller);
    }

    /**
     * Makes an orderly stop handle the messages already queued before terminate runs, within the
     * stop timeout (beyond OTP).
     *
     * @param drain true to drain
     * @return a copy
     */
    public StartOptions withDrainOnStop(boolean drain) {
        return new StartOptions(name, startTimeout, callTimeout, mailbox, restartable, mailboxOnCrash, drain,
                linkToCaller);
    }

    /**
     * Links the new server to the server that starts it (OTP's {@code start_link}). Ignored when
     * the caller is not a server.
     *
     * @param link true to link
     * @return a copy
     */
    public StartOptions withLinkToCaller(boolean link) {
        return new StartOptions(name, startTimeout, callTimeout, mailbox, restartable, mailboxOnCrash, drainOnStop,
                link);
    }

    /**
     * Returns the name.
     *
     * @return the name; absent for an anonymous server
     */
    public @Nullable String name() {
        return name;
    }

    /**
     * Returns the start timeout.
     *
     * @return the timeout
     */
    public Duration startTimeout() {
        return startTimeout;
    }

    /**
     * Returns the default call timeout.
     *
     * @return the timeout
     */
    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * Returns the mailbox options.
     *
     * @return the options
     */
    public MailboxOptions mailbox() {
        return mailbox;
    }

    /** Tells whether the server waits for its supervisor after exiting (see {@link SupervisorAccess}). */
    boolean restartable() {
        return restartable;
    }

    /**
     * Returns what happens to queued messages on a crash.
     *
     * @return the policy
     */
    public MailboxOnCrash mailboxOnCrash() {
        return mailboxOnCrash;
    }

    /**
     * Tells whether an orderly stop drains the mailbox first.
     *
     * @return true to drain
     */
    public boolean drainOnStop() {
        return drainOnStop;
    }

    /**
     * Tells whether the server is linked to the server starting it.
     *
     * @return true to link
     */
    public boolean linkToCaller() {
        return linkToCaller;
    }

    @Override
    public String toString() {
        return "StartOptions[name=" + name + ", startTimeout=" + startTimeout + ", callTimeout=" + callTimeout
                + ", mailbox=" + mailbox + ", restartable=" + restartable + ", mailboxOnCrash=" + mailboxOnCrash
                + ", drainOnStop=" + drainOnStop + ", linkToCaller=" + linkToCaller + "]";
    }
}
