package dev.genserver.cluster.autoconfigure;

import java.time.Duration;

import dev.genserver.cluster.ClusterOptions;
import dev.genserver.cluster.QuorumStrategy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the cluster layer, under {@code genserver.cluster}. Checked when bound: a
 * non-positive duration fails the startup naming the property.
 *
 * @param enabled whether the application joins a cluster (default false: nothing changes)
 * @param callTimeout default timeout of calls to clustered servers (default 5 s)
 * @param takeoverDelay how long after a member vanished its singletons start elsewhere; must
 *        exceed the time a cut-off member needs to notice it lost quorum (default 8 s)
 * @param stableAfter how long a vanished member counts in the quorum baseline (default 10 s)
 * @param quorum the split-brain strategy: auto, keep-majority or off (default auto)
 * @param handoffTimeout how long a moving instance may take to empty its mailbox (default 10 s)
 */
@ConfigurationProperties("genserver.cluster")
public record GenServerClusterProperties(boolean enabled, @Nullable Duration callTimeout,
                                         @Nullable Duration takeoverDelay, @Nullable Duration stableAfter,
                                         @Nullable QuorumStrategy quorum, @Nullable Duration handoffTimeout) {

    /** Checks the values at bind time. */
    public GenServerClusterProperties {
        options(callTimeout, takeoverDelay, stableAfter, quorum, handoffTimeout);
    }

    /**
     * Returns the node's options.
     *
     * @return the options, defaults where unset
     */
    public ClusterOptions toOptions() {
        return options(callTimeout, takeoverDelay, stableAfter, quorum, handoffTimeout);
    }

    private static ClusterOptions options(@Nullable Duration callTimeout, @Nullable Duration takeoverDelay,
                                          @Nullable Duration stableAfter, @Nullable QuorumStrategy quorum,
                                          @Nullable Duration handoffTimeout) {
        ClusterOptions d = ClusterOptions.defaults();
        try {
            return new ClusterOptions(callTimeout != null ? callTimeout : d.callTimeout(),
                    takeoverDelay != null ? takeoverDelay : d.takeoverDelay(),
                    stableAfter != null ? stableAfter : d.stableAfter(),
                    quorum != null ? quorum : d.quorum(),
                    handoffTimeout != null ? handoffTimeout : d.handoffTimeout());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("genserver.cluster: " + e.getMessage()
                    .replace("callTimeout", "call-timeout").replace("takeoverDelay", "takeover-delay")
                    .replace("stableAfter", "stable-after").replace("handoffTimeout", "handoff-timeout"));
        }
    }
}
