package dev.genserver.spring.autoconfigure.actuate.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code genservers} health contributor, under {@code management.health.genservers.*}. */
@ConfigurationProperties("management.health.genservers")
public class GenServerHealthProperties {

    /** Whether to contribute the health of the supervision tree. */
    private boolean enabled = true;

    /**
     * Mailbox length at or above which a server (a keyed server: its instances together) is
     * reported in the details as a backlog, with backlog-status; 0 to never.
     */
    private int mailboxBacklogThreshold = 10_000;

    /**
     * Status while there is a backlog. UP (the default) reports it in the details only; any
     * other status is also the contributor's (add a custom one such as DEGRADED to
     * management.endpoint.health.status.order, or Spring Boot ignores it when it aggregates).
     */
    private String backlogStatus = "UP";

    /**
     * How long a server or supervisor may keep crashing (each crash less than this after the
     * previous one), or stay down after a crash, before the health is DOWN. Unset: a restart
     * loop alone never makes the health DOWN; a supervisor that reaches its restart intensity
     * does.
     */
    private Duration restartLoopThreshold;

    /** Creates the defaults. */
    public GenServerHealthProperties() {
    }

    /**
     * Returns whether the contributor is on.
     *
     * @return the value
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the contributor is on.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the backlog threshold.
     *
     * @return the mailbox length, or 0 when off
     */
    public int getMailboxBacklogThreshold() {
        return mailboxBacklogThreshold;
    }

    /**
     * Sets the backlog threshold.
     *
     * @param mailboxBacklogThreshold the mailbox length, or 0 to turn it off
     */
    public void setMailboxBacklogThreshold(int mailboxBacklogThreshold) {
        if (mailboxBacklogThreshold < 0) {
            throw new IllegalArgumentException("'mailbox-backlog-threshold' must be zero (off) or more");
        }
        this.mailboxBacklogThreshold = mailboxBacklogThreshold;
    }

    /**
     * Returns the status while there is a backlog.
     *
     * @return the status code
     */
    public String getBacklogStatus() {
        return backlogStatus;
    }

    /**
     * Sets the status while there is a backlog.
     *
     * @param backlogStatus the status code, such as UP, DEGRADED or OUT_OF_SERVICE
     */
    public void setBacklogStatus(String backlogStatus) {
        this.backlogStatus = backlogStatus;
    }

    /**
     * Returns the restart-loop threshold.
     *
     * @return the threshold, or null when restart loops are not checked
     */
    public Duration getRestartLoopThreshold() {
        return restartLoopThreshold;
    }

    /**
     * Sets the restart-loop threshold.
     *
     * @param restartLoopThreshold the threshold, or null to not check restart loops
     */
    public void setRestartLoopThreshold(Duration restartLoopThreshold) {
        if (restartLoopThreshold != null && (restartLoopThreshold.isZero() || restartLoopThreshold.isNegative())) {
            throw new IllegalArgumentException("'restart-loop-threshold' must be positive, or left unset to turn it off");
        }
        this.restartLoopThreshold = restartLoopThreshold;
    }
}
