package dev.genserver.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What one member knows of the cluster, for Actuator and tools.
 *
 * @param member this member's id
 * @param members the members, oldest first
 * @param quorum whether this side has quorum (contract §17.6)
 * @param baseline the members quorum is counted against
 * @param singletonHost the member that hosts the singletons now, or null when none may
 * @param hostedSingletons the singletons running here, with the fencing token of their incarnation
 * @param localShards the number of sharded instances running here
 * @param leaving whether this member is leaving gracefully
 */
public record ClusterStatus(String member, List<String> members, boolean quorum, Set<String> baseline,
                            @Nullable String singletonHost, Map<String, Long> hostedSingletons, int localShards,
                            boolean leaving) {
}
