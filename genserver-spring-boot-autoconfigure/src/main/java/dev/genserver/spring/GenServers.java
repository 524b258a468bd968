package dev.genserver.spring;

import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.supervisor.Strategy;
import dev.genserver.spring.support.Barrier;
import dev.genserver.spring.support.GenServerClients;
import dev.genserver.spring.support.ServerPlacements;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.SupervisionTree;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Message-style access to servers by name, without a client interface (OTP's
 * {@code GenServer.call(name, request)}), plus the application's servers and supervision tree.
 * A bean in the context.
 *
 * <pre>{@code
 * @GenServer
 * class RateLimiter {
 *     @HandleCall boolean acquire(Acquire request) { ... }
 *     @HandleCast void reset(Reset message) { ... }
 * }
 *
 * boolean allowed = genServers.call("rateLimiter", new Acquire("user-1"));
 * genServers.cast("rateLimiter", new Reset());
 * }</pre>
 *
 * <p>Calls use the server's default call timeout unless one is given. Casts and sends to a name
 * no server holds are dropped as dead letters (logged at debug level), never an exception; once
 * the supervision tree has given up, they count as dead letters of their server and the first one
 * per server is logged as a warning, and calls fail with a {@link NoProcessException} that says
 * the tree gave up.
 */
public class GenServers {

    private final ProcessRuntime runtime;
    private final GenServerClients clients;
    private final SupervisionTree tree;
    private final ServerDefinitions definitions;
    private volatile ServerPlacements placements;

    /**
     * Creates the API.
     *
     * @param runtime the runtime
     * @param clients creates typed proxies
     * @param tree the supervision tree
     * @param definitions the servers
     */
    @InternalApi
    public GenServers(ProcessRuntime runtime, GenServerClients clients, SupervisionTree tree,
                      ServerDefinitions definitions) {
        this.runtime = runtime;
        this.clients = clients;
        this.tree = tree;
        this.definitions = definitions;
    }

    /**
     * Hands the servers that a placement hosts (clustered singletons) to it: by-name calls, casts,
     * sends and lookups reach them wherever they run.
     *
     * @param placements the placement, or null for none
     */
    @InternalApi
    public void setPlacements(ServerPlacements placements) {
        this.placements = placements;
    }

    /**
     * Finds a live server by name (OTP's {@code whereis}). A server placed in a cluster (a
     * singleton) is found wherever it runs: the reference is location-transparent.
     *
     * @param name the registered name
     * @return the server, or empty
     */
    public Optional<ServerRef> whereis(String name) {
        ServerPlacements p = placements;
        if (p != null && p.isPlaced(name)) {
            return Optional.of(p.ref(name));
        }
        return runtime.whereis(name);
    }

    /**
     * Returns a live server by name.
     *
     * @param name the registered name
     * @return the server
     * @throws NoProcessException when no live server has that name
     */
    public ServerRef ref(String name) {
        return whereis(name).orElseThrow(() -> tree.noProcess(name, "lookup"));
    }

    /**
     * Calls a server with its default call timeout.
     *
     * @param name the registered name
     * @param request the request
     * @param <R> the reply type
     * @return the reply
     * @throws dev.genserver.process.GenServerException as {@link ServerRef#call(Object)} does, and
     *         {@link NoProcessException} when no server has that name
     */
    public <R> R call(String name, Object request) {
        return lookup(name, request).call(request);
    }

    /**
     * Calls a server.
     *
     * @param name the registered name
     * @param request the request
     * @param timeout the timeout, or {@link ServerRef#INFINITY}
     * @param <R> the reply type
     * @return the reply
     */
    public <R> R call(String name, Object request, Duration timeout) {
        return lookup(name, request).call(request, timeout);
    }

    /**
     * Waits until the server has handled every message sent to it before this call: sends a call
     * that every {@code @GenServer} answers at once, without running a handler, so its reply
     * comes after everything queued ahead of it. Tests use it to see the effect of casts.
     *
     * @param name the registered name
     * @param timeout the most to wait, or {@link ServerRef#INFINITY}
     * @throws dev.genserver.process.CallTimeoutException when the server has not reached the
     *         call within {@code timeout}; {@link NoProcessException} when no server has that name
     */
    public void sync(String name, Duration timeout) {
        ref(name).call(Barrier.INSTANCE, timeout);
    }

    /**
     * Calls a server without blocking.
     *
     * @param name the registered name
     * @param request the request
     * @param <R> the reply type
     * @return the future reply
     */
    public <R> CompletableFuture<R> callAsync(String name, Object request) {
        Optional<ServerRef> ref = whereis(name);
        if (ref.isEmpty()) {
            return CompletableFuture.failedFuture(tree.noProcess(name, typeOf(request)));
        }
        return ref.get().callAsync(request);
    }

    /**
     * Casts a message to a server; never throws for a missing server.
     *
     * @param name the registered name
     * @param message the message
     */
    public void cast(String name, Object message) {
        whereis(name).ifPresentOrElse(r -> r.cast(message), () -> tree.deadLetter(name, message));
    }

    /**
     * Sends a plain message to a server's info handler; never throws for a missing server.
     *
     * @param name the registered name
     * @param message the message
     */
    public void send(String name, Object message) {
        whereis(name).ifPresentOrElse(r -> r.send(message), () -> tree.deadLetter(name, message));
    }

    /**
     * Returns the typed client proxy of a server.
     *
     * @param name the server's name
     * @param iface one of its client interfaces
     * @param <T> the interface type
     * @return the proxy
     */
    public <T> T client(String name, Class<T> iface) {
        return clients.proxy(name, iface);
    }

    /**
     * Returns every live server of the runtime (including supervisors and keyed instances), in
     * start order.
     *
     * @return the servers
     */
    public List<ServerRef> servers() {
        return runtime.servers();
    }

    /**
     * Returns the supervision tree as it is now.
     *
     * @return the root node, or empty when the tree is not running
     */
    public Optional<TreeNode> tree() {
        return tree.snapshot();
    }

    /**
     * Returns the application's server definitions.
     *
     * @return the definitions
     */
    @InternalApi
    public ServerDefinitions definitions() {
        return definitions;
    }

    /**
     * Returns the runtime.
     *
     * @return the runtime
     */
    public ProcessRuntime runtime() {
        return runtime;
    }

    /**
     * A node of the supervision tree.
     *
     * @param name the child's name (a server name, or a supervisor's name)
     * @param supervisor whether the node is a supervisor
     * @param strategy the supervisor's strategy, or null for a worker
     * @param ref the process, or null when none is running
     * @param children the children of a supervisor, in start order
     */
    public record TreeNode(String name, boolean supervisor, Strategy strategy, ServerRef ref, List<TreeNode> children) {
    }

    private ServerRef lookup(String name, Object request) {
        return whereis(name).orElseThrow(() -> tree.noProcess(name, typeOf(request)));
    }

    private static String typeOf(Object message) {
        return message == null ? "null" : message.getClass().getName();
    }
}
