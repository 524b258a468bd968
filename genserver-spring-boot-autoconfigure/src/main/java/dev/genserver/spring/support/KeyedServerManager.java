package dev.genserver.spring.support;

import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.registry.Registry;
import dev.genserver.spring.InternalApi;
import dev.genserver.spring.KeyedServers;
import dev.genserver.supervisor.ChildSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Starts keyed server instances on demand under their dynamic supervisors and hands out the
 * {@link KeyedServers} of each keyed server. A bean in the context.
 */
@InternalApi
public class KeyedServerManager {

    private final ProcessRuntime runtime;
    private final ServerDefinitions definitions;
    private final SupervisionTree tree;
    private final KeyedChildSpecs childSpecs;
    private final Function<ServerDefinition, Duration> callTimeouts;
    private final Predicate<ServerRef> wasPassivated;
    private final Map<String, KeyedServers<?>> servers = new ConcurrentHashMap<>();
    private final Map<String, Registry> registries = new ConcurrentHashMap<>();
    private volatile ServerPlacements placements;

    /**
     * Creates the manager.
     *
     * @param runtime the runtime
     * @param definitions the servers
     * @param tree the supervision tree, which holds a dynamic supervisor per keyed server
     * @param childSpecs builds the child spec of the instance for a key, registered in the keyed
     *                   server's registry
     * @param callTimeouts the default call timeout of each server
     * @param wasPassivated tells whether the last exit of an instance's server was a passivation
     */
    public KeyedServerManager(ProcessRuntime runtime, ServerDefinitions definitions, SupervisionTree tree,
                              KeyedChildSpecs childSpecs,
                              Function<ServerDefinition, Duration> callTimeouts, Predicate<ServerRef> wasPassivated) {
        this.runtime = runtime;
        this.definitions = definitions;
        this.tree = tree;
        this.childSpecs = childSpecs;
        this.callTimeouts = callTimeouts;
        this.wasPassivated = wasPassivated;
    }

    /** Builds the child spec of a keyed server's instance ({@link ServerSpecs#keyedChildSpec}). */
    @FunctionalInterface
    public interface KeyedChildSpecs {

        /**
         * Returns the spec of the instance for {@code key}.
         *
         * @param def the keyed server
         * @param key the key
         * @param registry the keyed server's registry, where the instance registers by key
         * @return the spec, whose starter registers the instance
         */
        ChildSpec keyedChildSpec(ServerDefinition def, Object key, Registry registry);
    }

    /**
     * Hands the keyed servers that a placement hosts (clustered, sharded) to it: their
     * {@link KeyedServers} reach each key's instance wherever it runs.
     *
     * @param placements the placement, or null for none
     */
    public void setPlacements(ServerPlacements placements) {
        this.placements = placements;
    }

    /**
     * Returns the name of the dynamic supervisor of a keyed server.
     *
     * @param serverName the keyed server's name
     * @return the supervisor's name
     */
    public static String supervisorName(String serverName) {
        return "keyed." + serverName;
    }

    /**
     * Returns the registry in which the instances of a keyed server are registered by key.
     *
     * @param serverName the keyed server's name
     * @return its registry (unique keys), named after the server
     */
    public Registry registry(String serverName) {
        return registries.computeIfAbsent(serverName,
                n -> Registry.create(runtime, "keyed." + n, Registry.Keys.UNIQUE));
    }

    /**
     * Returns the instances of a keyed server, seen through one of its client interfaces.
     *
     * @param serverName the keyed server's name
     * @param iface one of its client interfaces
     * @param <T> the interface type
     * @return the instances
     */
    @SuppressWarnings("unchecked")
    public <T> KeyedServers<T> servers(String serverName, Class<T> iface) {
        ServerDefinition def = definitions.byName(serverName).filter(ServerDefinition::isKeyed)
                .orElseThrow(() -> new IllegalArgumentException("no keyed @GenServer named " + serverName));
        if (!def.model().clientInterfaces().contains(iface)) {
            throw new IllegalArgumentException(iface.getName() + " is not a client interface of keyed server "
                    + serverName);
        }
        ServerPlacements p = placements;
        return (KeyedServers<T>) servers.computeIfAbsent(serverName + "/" + iface.getName(),
                k -> p != null && p.isPlaced(serverName)
                        ? new PlacedKeyedServers<>(def, iface, p, () -> callTimeouts.apply(def))
                        : new Instances<>(def, iface));
    }

    private final class Instances<T> implements KeyedServers<T> {
        private final ServerDefinition def;
        private final Class<T> iface;
        private final Registry registry;

        Instances(ServerDefinition def, Class<T> iface) {
            this.def = def;
            this.iface = iface;
            this.registry = registry(def.serverName());
        }

        @Override
        public String name() {
            return def.serverName();
        }

        @Override
        public T get(Object key) {
            Objects.requireNonNull(key, "key");
            return ClientProxies.create(iface, def.model(), new KeyLocator(key), () -> callTimeouts.apply(def));
        }

        @Override
        public ServerRef start(Object key) {
            Objects.requireNonNull(key, "key");
            return tree.startChild(supervisorName(def.serverName()), childSpecs.keyedChildSpec(def, key, registry));
        }

        @Override
        public Optional<ServerRef> whereis(Object key) {
            return registry.whereis(key).filter(ServerRef::isAlive);
        }

        @Override
        public boolean stop(Object key) {
            return tree.terminateChild(supervisorName(def.serverName()), instanceName(key));
        }

        @Override
        public List<ServerRef> running() {
            return registry.select(e -> true).stream().map(Registry.Entry::ref).filter(ServerRef::isAlive)
                    .sorted(java.util.Comparator.comparingLong(ServerRef::id)).toList();
        }

        @Override
        public String instanceName(Object key) {
            return def.serverName() + "[" + key + "]";
        }

        @Override
        public String toString() {
            return "KeyedServers<" + iface.getSimpleName() + ">[" + def.serverName() + "]";
        }

        /** Finds the instance of one key, starting it on demand. */
        private final class KeyLocator implements ServerLocator {
            private final Object key;
            private final String name;

            KeyLocator(Object key) {
                this.key = key;
                this.name = instanceName(key);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public ServerRef locate() {
                return registry.whereis(key).orElse(null);
            }

            @Override
            public ServerRef relocate() {
                return tree.gaveUp().isPresent() ? null : start(key);
            }

            @Override
            public NoProcessException noProcess(String what) {
                return tree.noProcess(name, what);
            }

            @Override
            public boolean deadLetter(Object message) {
                tree.deadLetter(name, message);
                return true;
            }

            @Override
            public boolean isRetryable(RuntimeException failure, ServerRef target) {
                // Passivation happens between messages, so a call that finds the instance stopped by
                // it was never handled. (The reason reported may be "normal" when the instance
                // passivated before its supervisor watched it, hence the second check.)
                return failure instanceof NoProcessException
                        || failure instanceof ServerStoppedException s && (BeanGenServer.PASSIVATED.equals(s.reason())
                        || s.reason().isNormal() && target != null && wasPassivated.test(target));
            }
        }
    }
}
