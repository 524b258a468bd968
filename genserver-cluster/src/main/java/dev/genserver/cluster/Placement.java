package dev.genserver.cluster;

/** Where the instances of a server run once clustering is on (contract §17.1). */
public enum Placement {
    /** One instance per member, reached only from its own member: the behaviour without clustering. */
    LOCAL,
    /** One live instance in the cluster, on the oldest member with quorum; moved when that member leaves. */
    SINGLETON,
    /** One instance per key, on the member that owns the key's partition; moved when ownership moves. */
    SHARDED
}
