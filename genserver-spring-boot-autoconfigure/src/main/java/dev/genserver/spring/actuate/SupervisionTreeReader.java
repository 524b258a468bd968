package dev.genserver.spring.actuate;

import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerInfo;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.spring.support.ServerDefinition;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.TreeSpec;
import dev.genserver.supervisor.ChildInfo;
import dev.genserver.supervisor.ChildStatus;
import dev.genserver.supervisor.ChildType;
import dev.genserver.supervisor.Strategy;
import dev.genserver.supervisor.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the application's supervision tree as it is now, for the Actuator endpoint and the
 * health indicator: every supervisor with its children, every server with its inspection data,
 * keyed servers summarised (never one entry per key), and single processes by name. Reads
 * {@link ServerRef#info()} without disturbing the servers, and asks each supervisor for its
 * children (and a server for its redacted state) with a timeout, so that a busy or suspended
 * process cannot hang the caller.
 *
 * <p>A read costs one request per supervisor and one {@code info()} per server: a keyed server's
 * instances are counted from {@link GenServerActivity}'s running totals, never walked.
 */
public class SupervisionTreeReader {

    /** The name of the root supervisor. */
    public static final String ROOT = TreeSpec.ROOT;

    private static final String SUPERVISOR_PREFIX = TreeSpec.processName("");

    private final ProcessRuntime runtime;
    private final BooleanSupplier treeRunning;
    private final ServerTags tags;
    private final GenServerActivity activity;
    private final Supplier<Map<String, Strategy>> strategySource;
    private final Function<ServerDefinition, Duration> idleTimeouts;
    private final Duration timeout;
    private final List<String> servers;
    private final Map<String, ServerDefinition> byName = new HashMap<>();
    private final Map<String, ServerDefinition> keyedBySupervisor = new HashMap<>();
    private final Supplier<PlacedProcesses> placedSource;
    private volatile Map<String, Strategy> strategies;

    /**
     * Creates the reader; the auto-configuration builds one from the application's servers.
     *
     * @param runtime the runtime
     * @param treeRunning whether the supervision tree has been started and not stopped since
     * @param definitions the application's servers
     * @param tags how processes are grouped
     * @param activity the counts since the application started
     * @param strategies the strategy of every supervisor by name (read once, on first use)
     * @param idleTimeouts the idle timeout of a keyed server, or null when unknown
     * @param timeout how long to wait for a supervisor's children or a server's state
     */
    public SupervisionTreeReader(ProcessRuntime runtime, BooleanSupplier treeRunning, ServerDefinitions definitions,
                                 ServerTags tags, GenServerActivity activity,
                                 Supplier<Map<String, Strategy>> strategies,
                                 Function<ServerDefinition, Duration> idleTimeouts, Duration timeout) {
        this(runtime, treeRunning, definitions, tags, activity, strategies, idleTimeouts, timeout, () -> null);
    }

    /**
     * Creates the reader of an application whose placed servers (a cluster's singletons and
     * sharded instances) run outside its supervision tree.
     *
     * @param runtime the runtime
     * @param treeRunning whether the supervision tree has been started and not stopped since
     * @param definitions the application's servers
     * @param tags how processes are grouped
     * @param activity the counts since the application started
     * @param strategies the strategy of every supervisor by name (read once, on first use)
     * @param idleTimeouts the idle timeout of a keyed server, or null when unknown
     * @param timeout how long to wait for a supervisor's children or a server's state
     * @param placed the placed processes that run here, read at every request (null: none)
     */
    public SupervisionTreeReader(ProcessRuntime runtime, BooleanSupplier treeRunning, ServerDefinitions definitions,
                                 ServerTags tags, GenServerActivity activity,
                                 Supplier<Map<String, Strategy>> strategies,
                                 Function<ServerDefinition, Duration> idleTimeouts, Duration timeout,
                                 Supplier<PlacedProcesses> placed) {
        this.placedSource = placed;
        this.runtime = runtime;
        this.treeRunning = treeRunning;
        this.tags = tags;
        this.activity = activity;
        this.strategySource = strategies;
        this.idleTimeouts = idleTimeouts;
        this.timeout = timeout;
        List<String> names = new ArrayList<>();
        for (ServerDefinition def : definitions.servers()) {
            names.add(def.serverName());
            byName.put(def.serverName(), def);
            if (def.isKeyed()) {
                keyedBySupervisor.put(KeyedServerManager.supervisorName(def.serverName()), def);
            }
        }
        this.servers = List.copyOf(names);
    }

    // ---- what there is ------------------------------------------------------------------------

    /**
     * Returns the names of the application's servers, keyed ones included.
     *
     * @return the names in declaration order
     */
    public List<String> servers() {
        return servers;
    }

    /**
     * Returns the names of the supervisors of the tree: the root, the declared ones and those of
     * keyed servers ({@code keyed.cart}).
     *
     * @return the names, sorted
     */
    public List<String> supervisors() {
        return strategies().keySet().stream().sorted().toList();
    }

    /**
     * Tells whether a name is that of a keyed server (not one of its instances).
     *
     * @param name a server name
     * @return true for a keyed server
     */
    public boolean isKeyed(String name) {
        return tags.isKeyedServer(name);
    }

    /**
     * Tells whether the supervision tree has been started and not stopped since. It stays true
     * when the root supervisor gives up: see {@link #isRootAlive()}.
     *
     * @return true between the tree's start and its stop
     */
    public boolean isTreeRunning() {
        return treeRunning.getAsBoolean();
    }

    /**
     * Tells whether the root supervisor's process is alive: false before the tree starts, after
     * it stops, and once the root has given up (reached its restart intensity).
     *
     * @return true while the root supervisor runs
     */
    public boolean isRootAlive() {
        return runtime.whereis(TreeSpec.processName(ROOT)).filter(ServerRef::isAlive).isPresent();
    }

    /**
     * Returns the process name of a supervisor.
     *
     * @param supervisor the supervisor's name ({@code root}, {@code payments}, {@code keyed.cart})
     * @return its registered name, {@code genserver.supervisor.<name>}
     */
    public static String supervisorProcessName(String supervisor) {
        return TreeSpec.processName(supervisor);
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
     * Returns the grouping of processes.
     *
     * @return the tags
     */
    public ServerTags tags() {
        return tags;
    }

    /**
     * Returns the counts since the application started.
     *
     * @return the activity
     */
    public GenServerActivity activity() {
        return activity;
    }

    // ---- reading ------------------------------------------------------------------------------

    /**
     * Returns the supervision tree as it is now.
     *
     * @return the root (not running when it gave up), or empty when the tree is not running
     *         (before start, after stop)
     */
    public Optional<SupervisorDescriptor> tree() {
        if (!isTreeRunning()) {
            return Optional.empty();
        }
        Optional<ServerRef> root = runtime.whereis(TreeSpec.processName(ROOT));
        return Optional.of(supervisor(ROOT, null, root.orElse(null), null, null));
    }

    /**
     * Finds a process by name: a supervisor ({@code root}, {@code payments}, or its process name
     * {@code genserver.supervisor.payments}), a server, a keyed server ({@code cart}), or a keyed
     * instance ({@code cart[ann]}).
     *
     * @param name the name
     * @return the process, or empty when nothing has that name
     */
    public Optional<ProcessDescriptor> find(String name) {
        String wanted = name.startsWith(SUPERVISOR_PREFIX) ? name.substring(SUPERVISOR_PREFIX.length()) : name;
        Optional<SupervisorDescriptor> root = tree();
        if (root.isPresent()) {
            ProcessDescriptor found = find(root.get(), wanted);
            if (found != null) {
                return Optional.of(found);
            }
        }
        if (ServerTags.isSupervisorProcess(name)) {
            return Optional.empty();
        }
        // Keyed instances, and servers started outside the tree.
        Optional<ProcessDescriptor> local = runtime.whereis(name).map(ref -> {
            String type = tags.keyedType(name);
            String supervisor = type != null ? KeyedServerManager.supervisorName(type) : null;
            String restart = type != null ? "transient" : null;
            return worker(name, supervisor, ref, ChildStatus.RUNNING, restart);
        });
        return local.isPresent() ? local : placed(name).map(this::placedWorker);
    }

    /**
     * Returns the servers a placement (a cluster) hosts outside the supervision tree: where each
     * singleton runs (with its process when it runs here) and how many instances of each sharded
     * server run on this member, never one entry per key.
     *
     * @return them, without state; empty when the application places no server
     */
    public Optional<List<PlacedServerDescriptor>> placed() {
        PlacedProcesses source = placedSource.get();
        if (source == null) {
            return Optional.empty();
        }
        List<PlacedServerDescriptor> placed = new ArrayList<>();
        for (PlacedProcesses.PlacedServer p : source.servers()) {
            ServerDefinition def = byName.get(p.name());
            WorkerDescriptor process = p.ref() == null || p.member() == null ? null
                    : placedWorker(new PlacedProcesses.Placed(p.name(), p.name(), p.placement(), p.member(), p.ref()));
            placed.add(new PlacedServerDescriptor(p.name(), p.placement(),
                    def != null ? def.serverClass().getName() : null, p.member(), p.instancesHere(), process));
        }
        return Optional.of(placed);
    }

    private Optional<PlacedProcesses.Placed> placed(String name) {
        PlacedProcesses source = placedSource.get();
        return source == null ? Optional.empty() : source.find(name);
    }

    private WorkerDescriptor placedWorker(PlacedProcesses.Placed p) {
        ServerDefinition def = byName.get(p.server());
        ServerInfo info = p.ref().info();
        String className = def != null ? def.serverClass().getName() : info.serverType();
        return WorkerDescriptor.of(p.name(), className, null, null, info, info.restarts(), 0, null)
                .withPlacement(p.placement(), p.member());
    }

    /** A process by its registered name, or a placed process by its cluster name. */
    private Optional<ServerRef> lookup(String name) {
        Optional<ServerRef> local = runtime.whereis(name);
        return local.isPresent() ? local : placed(name).map(PlacedProcesses.Placed::ref);
    }

    private static ProcessDescriptor find(ProcessDescriptor node, String name) {
        if (node.name().equals(name) || node instanceof KeyedServerDescriptor k && k.supervisor().equals(name)) {
            return node;
        }
        if (node instanceof SupervisorDescriptor s) {
            for (ProcessDescriptor child : s.children()) {
                ProcessDescriptor found = find(child, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Finds the instance of a keyed server for a key, by its registered name ({@code name[key]}).
     *
     * @param name the keyed server's name
     * @param key the key, as its {@code toString}
     * @return the instance, or empty when none runs
     */
    public Optional<WorkerDescriptor> findInstance(String name, String key) {
        if (!tags.isKeyedServer(name)) {
            return Optional.empty();
        }
        String instance = name + "[" + key + "]";
        Optional<WorkerDescriptor> local = runtime.whereis(instance).map(ref -> worker(instance,
                KeyedServerManager.supervisorName(name), ref, ChildStatus.RUNNING, "transient"));
        return local.isPresent() ? local : placed(instance).map(this::placedWorker);
    }

    /**
     * Returns the redacted state of a server: what its redaction hook shows, read between two
     * messages with a timeout.
     *
     * @param name the server's registered name
     * @return the state; empty when the server is not running, the hook threw (fail closed), or
     *         the server did not answer in time
     */
    public Optional<Object> formattedState(String name) {
        Optional<ServerRef> ref = lookup(name);
        if (ref.isEmpty() || ServerTags.isSupervisorProcess(name)) {
            return Optional.empty();
        }
        ServerStatus status = ref.get().info().status();
        if (status != ServerStatus.RUNNING && status != ServerStatus.SUSPENDED) {
            return Optional.empty();
        }
        return timed(() -> ref.get().getFormattedState(), Optional.empty());
    }

    /**
     * Reads the links, monitors and pending timers of a server (names only), without sending it
     * a message.
     *
     * @param name the server's name ({@code cart[ann]} for a keyed instance)
     * @return its relations, or empty for a supervisor or a name no process has
     */
    public Optional<RelationsDescriptor> relations(String name) {
        if (ServerTags.isSupervisorProcess(name)) {
            return Optional.empty();
        }
        return lookup(name).map(ServerRef::relations).map(RelationsDescriptor::of);
    }

    // ---- building -----------------------------------------------------------------------------

    private SupervisorDescriptor supervisor(String name, String parent, ServerRef ref, ChildStatus childStatus,
                                            String restart) {
        ServerInfo info = ref == null ? null : ref.info();
        String processName = TreeSpec.processName(name);
        String status = status(info, childStatus, processName);
        List<ProcessDescriptor> children = new ArrayList<>();
        if (info != null && info.status() == ServerStatus.RUNNING) {
            for (ChildInfo child : timed(() -> Supervisor.of(ref).whichChildren(), List.<ChildInfo>of())) {
                String childRestart = ProcessStatus.lower(child.restart());
                if (child.type() == ChildType.SUPERVISOR) {
                    // The only dynamic supervisors of the tree are those of keyed servers.
                    ServerDefinition keyedDef = keyedBySupervisor.get(child.id());
                    children.add(keyedDef != null ? keyed(keyedDef, child)
                            : supervisor(child.id(), name, child.ref(), child.status(), childRestart));
                } else {
                    children.add(worker(child.id(), name, child.ref(), child.status(), childRestart));
                }
            }
        }
        String strategy = ProcessStatus.lower(strategies().getOrDefault(name, Strategy.ONE_FOR_ONE));
        long restarts = activity.of(processName).restarts();
        return parent == null ? SupervisorDescriptor.root(name, strategy, status, restarts, children)
                : SupervisorDescriptor.child(name, strategy, parent, restart, status, restarts, children);
    }

    private KeyedServerDescriptor keyed(ServerDefinition def, ChildInfo child) {
        String name = def.serverName();
        ServerInfo info = child.ref() == null ? null : child.ref().info();
        return KeyedServerDescriptor.of(name, def.serverClass(), child.id(),
                status(info, child.status(), TreeSpec.processName(child.id())), activity.instances(name),
                activity.queued(name), activity.of(name), idleTimeouts.apply(def));
    }

    private WorkerDescriptor worker(String name, String supervisor, ServerRef ref, ChildStatus childStatus,
                                    String restart) {
        ServerInfo info = ref == null ? null : ref.info();
        String tag = tags.of(name);
        ServerDefinition def = byName.get(tag);
        String className = def != null ? def.serverClass().getName() : info != null ? info.serverType() : null;
        if (tags.keyedType(name) != null) {
            // A keyed instance: its keyed server counts the instances together; these are its process's own.
            return info == null ? WorkerDescriptor.withoutProcess(name, className, supervisor, restart,
                    ProcessStatus.STOPPED, 0, 0, null)
                    : WorkerDescriptor.of(name, className, supervisor, restart, info, info.restarts(), 0,
                    null);
        }
        GenServerActivity.Snapshot s = activity.of(tag);
        return info == null
                ? WorkerDescriptor.withoutProcess(name, className, supervisor, restart,
                        status(null, childStatus, name), s.restarts(), s.crashes(), s.lastCrash())
                : WorkerDescriptor.of(name, className, supervisor, restart, info, s.restarts(), s.crashes(),
                        s.lastCrash());
    }

    private String status(ServerInfo info, ChildStatus childStatus, String processName) {
        if (info != null) {
            return ProcessStatus.of(info.status());
        }
        if (childStatus == ChildStatus.RESTARTING) {
            return ProcessStatus.RESTARTING;
        }
        GenServerActivity.Snapshot s = activity.of(tags.of(processName));
        return s.lastExit() != null && !s.lastExit().isNormal() ? ProcessStatus.FAILED : ProcessStatus.STOPPED;
    }

    private Map<String, Strategy> strategies() {
        Map<String, Strategy> s = strategies;
        if (s == null) {
            try {
                s = Map.copyOf(strategySource.get());
            } catch (RuntimeException e) {
                s = Map.of();
            }
            strategies = s;
        }
        return s;
    }

    /**
     * Runs a request to a process on a virtual thread and waits for it up to the inspection
     * timeout: supervisor requests wait as long as it takes, which a request for a web page must
     * not.
     */
    <T> T timed(Supplier<T> request, T fallback) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().name("genserver-inspection").start(() -> {
            try {
                result.complete(request.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
    }
}
