package dev.genserver.cluster.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.Placement;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.support.ServerPlacements;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Hands typed proxies, {@code KeyedServers} and {@code GenServers} the location-transparent
 * references of the {@code @Clustered} servers (contract §17.9). Resolves the node lazily: the
 * proxies exist before the node does.
 */
final class ClusterPlacements implements ServerPlacements {

    private final ObjectProvider<ClusterNode> nodes;
    private final Map<String, Placement> placed;
    private final Map<String, ServerRef> singletons = new ConcurrentHashMap<>();

    ClusterPlacements(ObjectProvider<ClusterNode> nodes, Map<String, Placement> placed) {
        this.nodes = nodes;
        this.placed = Map.copyOf(placed);
    }

    @Override
    public boolean isPlaced(String serverName) {
        return placed.containsKey(serverName);
    }

    @Override
    public ServerRef ref(String serverName) {
        return singletons.computeIfAbsent(serverName, n -> new ClusterServerRef(nodes.getObject(), n, null));
    }

    @Override
    public ServerRef ref(String serverName, Object key) {
        return new ClusterServerRef(nodes.getObject(), serverName, key.toString());
    }

    @Override
    public Optional<ServerRef> whereis(String serverName, Object key) {
        return nodes.getObject().ownerOf(key.toString()).map(owner -> ref(serverName, key));
    }

    @Override
    public List<ServerRef> running(String serverName) {
        return nodes.getObject().localInstances(serverName);
    }

    @Override
    public String toString() {
        return "ClusterPlacements" + placed;
    }
}
