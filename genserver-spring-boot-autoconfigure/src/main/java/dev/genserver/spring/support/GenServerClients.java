package dev.genserver.spring.support;

import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.InternalApi;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the typed client proxies of the application's servers. The proxy beans registered
 * for each client interface come from here; application code normally injects the interface
 * instead of using this class.
 *
 * <pre>{@code
 * CartApi cart = clients.proxy("cart", CartApi.class);
 * }</pre>
 */
@InternalApi
public class GenServerClients {

    private final ProcessRuntime runtime;
    private final ServerDefinitions definitions;
    private final Duration defaultCallTimeout;
    private final SupervisionTree tree;
    private final Map<String, Object> proxies = new ConcurrentHashMap<>();
    private volatile ServerPlacements placements;

    /**
     * Creates the factory.
     *
     * @param runtime the runtime the servers run in
     * @param definitions the servers
     * @param defaultCallTimeout the call timeout of servers that set none
     */
    public GenServerClients(ProcessRuntime runtime, ServerDefinitions definitions, Duration defaultCallTimeout) {
        this(runtime, definitions, defaultCallTimeout, null);
    }

    /**
     * Creates the factory, whose proxies tell their callers when a server is missing because its
     * supervision tree gave up, and count casts to it as its dead letters.
     *
     * @param runtime the runtime the servers run in
     * @param definitions the servers
     * @param defaultCallTimeout the call timeout of servers that set none
     * @param tree the supervision tree the servers run in, or null
     */
    public GenServerClients(ProcessRuntime runtime, ServerDefinitions definitions, Duration defaultCallTimeout,
                            SupervisionTree tree) {
        this.runtime = runtime;
        this.definitions = definitions;
        this.defaultCallTimeout = defaultCallTimeout;
        this.tree = tree;
    }

    /**
     * Hands the servers that a placement hosts (clustered singletons) to it: their proxies reach
     * them wherever they run.
     *
     * @param placements the placement, or null for none
     */
    public void setPlacements(ServerPlacements placements) {
        this.placements = placements;
    }

    /**
     * Returns the proxy of a server's client interface.
     *
     * @param serverName the server's registered name
     * @param iface one of its client interfaces
     * @param <T> the interface type
     * @return the proxy (one per server and interface)
     * @throws IllegalArgumentException when there is no such server, or the interface is not one
     *         of its client interfaces
     */
    public <T> T proxy(String serverName, Class<T> iface) {
        ServerDefinition def = definition(serverName, iface);
        ServerPlacements p = placements;
        Object proxy = proxies.computeIfAbsent(serverName + "/" + iface.getName(),
                k -> ClientProxies.create(iface, def.model(), p != null && p.isPlaced(serverName)
                        ? new PlacedLocator(serverName, p) : new NamedLocator(runtime, serverName, tree),
                        () -> callTimeout(def)));
        return iface.cast(proxy);
    }

    /**
     * Returns the default call timeout of a server.
     *
     * @param def the server
     * @return its timeout
     */
    public Duration callTimeout(ServerDefinition def) {
        return def.callTimeout() != null ? def.callTimeout() : defaultCallTimeout;
    }

    private ServerDefinition definition(String serverName, Class<?> iface) {
        ServerDefinition def = definitions.byName(serverName).orElseThrow(() -> new IllegalArgumentException(
                "no @GenServer named " + serverName + "; known servers: "
                        + definitions.servers().stream().map(ServerDefinition::serverName).toList()));
        if (!def.model().clientInterfaces().contains(iface)) {
            throw new IllegalArgumentException(iface.getName() + " is not a client interface of server "
                    + serverName + " (" + def.serverClass().getName() + "); its client interfaces are "
                    + def.model().clientInterfaces().stream().map(Class::getName).toList());
        }
        if (def.isKeyed()) {
            throw new IllegalArgumentException("server " + serverName + " is keyed; use KeyedServers<"
                    + iface.getSimpleName() + ">.get(key)");
        }
        return def;
    }

    /** Reaches a placed server through its placement's location-transparent reference. */
    private record PlacedLocator(String name, ServerPlacements placements) implements ServerLocator {
        @Override
        public ServerRef locate() {
            return placements.ref(name);
        }
    }

    /** Finds a plain server by name; caches the reference while it is alive. */
    static final class NamedLocator implements ServerLocator {
        private final ProcessRuntime runtime;
        private final String name;
        private final SupervisionTree tree;
        private volatile ServerRef cached;

        NamedLocator(ProcessRuntime runtime, String name, SupervisionTree tree) {
            this.runtime = runtime;
            this.name = name;
            this.tree = tree;
        }

        @Override
        public NoProcessException noProcess(String what) {
            return tree == null ? ServerLocator.super.noProcess(what) : tree.noProcess(name, what);
        }

        @Override
        public boolean deadLetter(Object message) {
            if (tree == null) {
                return false;
            }
            tree.deadLetter(name, message);
            return true;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ServerRef locate() {
            ServerRef ref = cached;
            if (ref != null && ref.isAlive()) {
                return ref;
            }
            ref = runtime.whereis(name).orElse(null);
            cached = ref;
            return ref;
        }
    }
}
