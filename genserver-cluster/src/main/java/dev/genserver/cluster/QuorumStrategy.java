package dev.genserver.cluster;

/**
 * Which side of a split keeps its singletons and sharded servers (contract §17.6). A member
 * without quorum stops its singletons and sharded instances and refuses their messages with
 * {@link ClusterUnavailableException}.
 */
public enum QuorumStrategy {
    /**
     * {@link #KEEP_MAJORITY} while the baseline has three members or more; with one or two, every
     * side keeps running (availability: during a real partition of two members a singleton runs on
     * both sides, each with its own fencing token).
     */
    AUTO,
    /**
     * A side keeps quorum only with a strict majority of the baseline: the members seen, less those
     * that left gracefully, less those gone for longer than the stable-after time while quorum held,
     * less the old ids of members that came back at the same address under a new one.
     * With two members a crash of either stops the singletons of the other.
     */
    KEEP_MAJORITY,
    /** Every side always has quorum: duplicates for the whole duration of a partition. */
    OFF
}
