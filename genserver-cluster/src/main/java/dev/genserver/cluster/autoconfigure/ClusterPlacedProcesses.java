package dev.genserver.cluster.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusterStatus;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.cluster.Placement;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.actuate.PlacedProcesses;

/**
 * What {@code /actuator/genservers} lists beside the supervision tree on a cluster member: every
 * singleton with the member that runs it, every sharded server with the number of its instances
 * here, and the processes this member runs by their cluster-unique names ({@code jobQueue},
 * {@code cart[ann]}). Those processes are not registered in the local runtime under these names
 * (another member's local server may use them), so the endpoint finds them here.
 */
final class ClusterPlacedProcesses implements PlacedProcesses {

    private final ClusterNode node;

    ClusterPlacedProcesses(ClusterNode node) {
        this.node = node;
    }

    @Override
    public List<PlacedServer> servers() {
        ClusterStatus status = node.status();
        String member = status.member().isEmpty() ? null : status.member();
        List<PlacedServer> servers = new ArrayList<>();
        for (ClusteredServer server : new TreeMap<>(node.servers()).values()) {
            if (server.placement() == Placement.SINGLETON) {
                ServerRef here = node.localInstance(server.name(), null).orElse(null);
                servers.add(new PlacedServer(server.name(), "singleton", here != null ? member : status.singletonHost(),
                        here != null ? 1 : 0, here));
            } else {
                servers.add(new PlacedServer(server.name(), "sharded", member,
                        node.localInstances(server.name()).size(), null));
            }
        }
        return servers;
    }

    @Override
    public Optional<Placed> find(String name) {
        int open = name.indexOf('[');
        String server = open < 0 ? name : name.substring(0, open);
        String key = open < 0 || !name.endsWith("]") ? null : name.substring(open + 1, name.length() - 1);
        ClusteredServer declared = node.servers().get(server);
        if (declared == null || (open >= 0) != (declared.placement() == Placement.SHARDED) || (open >= 0 && key == null)) {
            return Optional.empty();
        }
        String placement = key == null ? "singleton" : "sharded";
        return node.localInstance(server, key).map(ref -> new Placed(name, server, placement, node.member(), ref));
    }
}
