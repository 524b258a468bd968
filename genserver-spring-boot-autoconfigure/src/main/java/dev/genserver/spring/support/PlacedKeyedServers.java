package dev.genserver.spring.support;

import dev.genserver.process.ServerRef;
import dev.genserver.spring.KeyedServers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link KeyedServers} of a keyed server that a {@link ServerPlacements} hosts (a sharded
 * server of a cluster): each key's proxy reaches the instance on whatever member owns the key.
 *
 * @param <T> the client interface
 */
final class PlacedKeyedServers<T> implements KeyedServers<T> {

    private final ServerDefinition def;
    private final Class<T> iface;
    private final ServerPlacements placements;
    private final Supplier<Duration> timeout;

    PlacedKeyedServers(ServerDefinition def, Class<T> iface, ServerPlacements placements, Supplier<Duration> timeout) {
        this.def = def;
        this.iface = iface;
        this.placements = placements;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return def.serverName();
    }

    @Override
    public T get(Object key) {
        Objects.requireNonNull(key, "key");
        String instance = instanceName(key);
        return ClientProxies.create(iface, def.model(), new ServerLocator() {
            @Override
            public String name() {
                return instance;
            }

            @Override
            public ServerRef locate() {
                return placements.ref(def.serverName(), key);
            }
        }, timeout);
    }

    @Override
    public ServerRef start(Object key) {
        Objects.requireNonNull(key, "key");
        return placements.ref(def.serverName(), key);
    }

    @Override
    public Optional<ServerRef> whereis(Object key) {
        Objects.requireNonNull(key, "key");
        return placements.whereis(def.serverName(), key);
    }

    /**
     * Not offered: the member that owns the key stops its instance (hand-off, passivation).
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean stop(Object key) {
        throw new UnsupportedOperationException("keyed server " + def.serverName() + " is placed in the cluster: "
                + "the member that owns " + instanceName(key) + " stops it (hand-off, passivation); "
                + "send it a message that makes it stop itself instead");
    }

    @Override
    public List<ServerRef> running() {
        return placements.running(def.serverName());
    }

    @Override
    public String instanceName(Object key) {
        return def.serverName() + "[" + key + "]";
    }

    @Override
    public String toString() {
        return "KeyedServers<" + iface.getSimpleName() + ">[" + def.serverName() + ", placed]";
    }
}
