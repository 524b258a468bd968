package dev.genserver.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a {@link ClusterNode}.
 *
 * @param callTimeout the default timeout of {@link ClusterRef#call(Object)}
 * @param takeoverDelay how long a member waits, after another member vanished without leaving
 *        gracefully, before it starts that member's singletons: longer than the time the vanished
 *        member needs to notice it lost quorum (contract §17.6)
 * @param stableAfter how long a vanished member stays in the quorum baseline while this side has
 *        quorum, before it is counted out
 * @param quorum the split-brain strategy
 * @param handoffTimeout how long a moving instance may take to drain its mailbox on the old owner
 */
public record ClusterOptions(Duration callTimeout, Duration takeoverDelay, Duration stableAfter,
                             QuorumStrategy quorum, Duration handoffTimeout) {

    /** Checks the settings. */
    public ClusterOptions {
        Objects.requireNonNull(quorum, "quorum");
        positive(callTimeout, "callTimeout");
        positive(takeoverDelay, "takeoverDelay");
        positive(stableAfter, "stableAfter");
        positive(handoffTimeout, "handoffTimeout");
    }

    /**
     * Returns the defaults: 5 s call timeout, 8 s takeover delay, 10 s stable-after,
     * {@link QuorumStrategy#AUTO}, 10 s hand-off timeout.
     *
     * @return the defaults
     */
    public static ClusterOptions defaults() {
        return new ClusterOptions(Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(10),
                QuorumStrategy.AUTO, Duration.ofSeconds(10));
    }

    /**
     * Returns a copy with another call timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public ClusterOptions withCallTimeout(Duration timeout) {
        return new ClusterOptions(timeout, takeoverDelay, stableAfter, quorum, handoffTimeout);
    }

    /**
     * Returns a copy with another takeover delay.
     *
     * @param delay the delay
     * @return the copy
     */
    public ClusterOptions withTakeoverDelay(Duration delay) {
        return new ClusterOptions(callTimeout, delay, stableAfter, quorum, handoffTimeout);
    }

    /**
     * Returns a copy with another stable-after time.
     *
     * @param time the time
     * @return the copy
     */
    public ClusterOptions withStableAfter(Duration time) {
        return new ClusterOptions(callTimeout, takeoverDelay, time, quorum, handoffTimeout);
    }

    /**
     * Returns a copy with another quorum strategy.
     *
     * @param strategy the strategy
     * @return the copy
     */
    public ClusterOptions withQuorum(QuorumStrategy strategy) {
        return new ClusterOptions(callTimeout, takeoverDelay, stableAfter, strategy, handoffTimeout);
    }

    /**
     * Returns a copy with another hand-off timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public ClusterOptions withHandoffTimeout(Duration timeout) {
        return new ClusterOptions(callTimeout, takeoverDelay, stableAfter, quorum, timeout);
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
