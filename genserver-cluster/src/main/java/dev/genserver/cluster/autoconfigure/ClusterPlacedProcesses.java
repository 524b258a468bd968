package dev.genserver.cluster.autoconfigure;

import java.util.List;
import java.util.Locale;

import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.HostedInstance;
import dev.genserver.spring.actuate.PlacedProcesses;

/**
 * What {@code /actuator/genservers} lists beside the supervision tree on a cluster member: the
 * singletons and sharded instances this member hosts, by their cluster-unique names
 * ({@code jobQueue}, {@code cart[ann]}) and with this member's id. They are not registered in the
 * local runtime under those names (a local server of another member may use them), so the endpoint
 * finds them through this list.
 */
final class ClusterPlacedProcesses implements PlacedProcesses {

    private final ClusterNode node;

    ClusterPlacedProcesses(ClusterNode node) {
        this.node = node;
    }

    @Override
    public List<Placed> hosted() {
        List<HostedInstance> here = node.hostedInstances();
        if (here.isEmpty()) {
            return List.of();
        }
        String member = node.member();
        return here.stream().map(h -> new Placed(h.name(), h.server(), h.placement().name().toLowerCase(Locale.ROOT),
                member, h.ref())).toList();
    }
}
