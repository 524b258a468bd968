package dev.genserver.spring.actuate;

import dev.genserver.process.CrashReport;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerInfo;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.spring.InternalApi;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.spring.support.ServerDefinition;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.SupervisionTree;
import dev.genserver.spring.support.TreeSpec;
import dev.genserver.supervisor.ChildInfo;
import dev.genserver.supervisor.ChildStatus;
import dev.genserver.supervisor.ChildType;
import dev.genserver.supervisor.DynamicSupervisor;
import dev.genserver.supervisor.Strategy;
import dev.genserver.supervisor.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the application's processes for Actuator: the supervision tree as it is now, with every
 * server's inspection data, keyed servers summarised (never one entry per key), and single
 * servers by name. Reads {@link ServerRef#info()} without disturbing the servers; asks each
 * supervisor for its children, and a server for its (redacted) state, with a timeout, so a busy
 * or suspended process cannot hang the caller.
 */
@InternalApi
public class GenServerInspector {

    /** The name of the root supervisor. */
    public static final String ROOT = TreeSpec.ROOT;

    private static final String DYNAMIC_SUPERVISOR = "dev.genserver.supervisor.DynamicSupervisorServer";

    private final ProcessRuntime runtime;
    private final SupervisionTree tree;
    private final ServerDefinitions definitions;
    private final ServerTags tags;
    private final GenServerActivity activity;
    private final KeyedServerManager keyed;
    private final Supplier<Map<String, Strategy>> strategySource;
    private final Function<ServerDefinition, Duration> idleTimeouts;
    private final Duration timeout;
    private final Map<String, ServerDefinition> byName = new HashMap<>();
    private final Map<String, ServerDefinition> keyedBySupervisor = new HashMap<>();
    private volatile Map<String, Strategy> strategies;

    /**
     * Creates the inspector.
     *
     * @param runtime the runtime
     * @param tree the supervision tree
     * @param definitions the application's servers
     * @param tags how processes are grouped
     * @param activity the counts since the application started
     * @param keyed the keyed servers, or null when there are none
     * @param strategies the strategy of every supervisor by name (read once, on first use)
     * @param idleTimeouts the idle timeout of a keyed server, or null when unknown
     * @param timeout how long to wait for a supervisor's children or a server's state
     */
    public GenServerInspector(ProcessRuntime runtime, SupervisionTree tree, ServerDefinitions definitions,
                              ServerTags tags, GenServerActivity activity, KeyedServerManager keyed,
                              Supplier<Map<String, Strategy>> strategies,
                              Function<ServerDefinition, Duration> idleTimeouts, Duration timeout) {
        this.runtime = runtime;
        this.tree = tree;
        this.definitions = definitions;
        this.tags = tags;
        this.activity = activity;
        this.keyed = keyed;
        this.strategySource = strategies;
        this.idleTimeouts = idleTimeouts;
        this.timeout = timeout;
        for (ServerDefinition def : definitions.servers()) {
            byName.put(def.serverName(), def);
            if (def.isKeyed()) {
                keyedBySupervisor.put(KeyedServerManager.supervisorName(def.serverName()), def);
            }
        }
    }

    // ---- the model ----------------------------------------------------------------------------

    /** A node of the supervision tree. */
    public sealed interface Node permits SupervisorNode, WorkerNode, KeyedNode {

        /**
         * Returns the node's name.
         *
         * @return a server name, a supervisor name or a keyed server name
         */
        String name();

        /**
         * Returns the node's type.
         *
         * @return {@code supervisor}, {@code worker} or {@code keyed}
         */
        String type();

        /**
         * Returns the node's status.
         *
         * @return starting, running, suspended, restarting, stopped or failed
         */
        String status();
    }

    /**
     * A supervisor and its children.
     *
     * @param name the supervisor's name
     * @param type {@code supervisor}
     * @param strategy one_for_one, one_for_all or rest_for_one
     * @param supervisor the parent supervisor, or null for the root
     * @param restart the restart type under its parent, or null for the root
     * @param status its status; a root that is {@code stopped} while the application runs gave up
     * @param restarts how many times its parent restarted it (it gave up, or was part of a group restart)
     * @param children its children in start order
     */
    public record SupervisorNode(String name, String type, String strategy, String supervisor, String restart,
                                 String status, long restarts, List<Node> children) implements Node {
    }

    /**
     * A server.
     *
     * @param name the registered name
     * @param type {@code worker}
     * @param className the server's class
     * @param supervisor its supervisor, or null when not supervised
     * @param restart its restart type, or null when not supervised
     * @param status starting, running, suspended, restarting, stopped or failed
     * @param restarts restarts of this process
     * @param crashes abnormal exits since the application started
     * @param lastCrash the latest crash, or null
     * @param mailbox messages waiting
     * @param messagesHandled messages handled by this process (across restarts)
     * @param deadLetters messages to it that were never handled
     * @param skippedCalls calls dropped because their caller had given up
     * @param startedAt when the current instance started, or null
     * @param uptime how long the current instance has run (ISO-8601), or null
     * @param currentMessage the message being handled now, or null when idle
     * @param hibernating whether it is hibernating
     * @param state its state as its redaction hook shows it (detail only, when allowed)
     */
    public record WorkerNode(String name, String type, String className, String supervisor, String restart,
                             String status, long restarts, long crashes, Crash lastCrash, int mailbox,
                             long messagesHandled, long deadLetters, long skippedCalls, String startedAt,
                             String uptime, CurrentMessage currentMessage, boolean hibernating, Object state)
            implements Node {

        /**
         * Returns a copy showing {@code shown} as the state.
         *
         * @param shown the state to show
         * @return the copy
         */
        public WorkerNode withState(Object shown) {
            return new WorkerNode(name, type, className, supervisor, restart, status, restarts, crashes, lastCrash,
                    mailbox, messagesHandled, deadLetters, skippedCalls, startedAt, uptime, currentMessage,
                    hibernating, shown);
        }
    }

    /**
     * A keyed server: its instances summarised.
     *
     * @param name the keyed server's name
     * @param type {@code keyed}
     * @param className the server's class
     * @param supervisor the dynamic supervisor of its instances
     * @param status the status of that supervisor
     * @param alive instances running now
     * @param passivated instances stopped after their idle timeout, since the application started
     * @param restarts restarts of instances since the application started
     * @param crashes crashes of instances since the application started
     * @param deadLetters messages to instances that were never handled
     * @param lastCrash the latest crash of an instance, or null
     * @param idleTimeout the idle timeout (ISO-8601), or null for never
     */
    public record KeyedNode(String name, String type, String className, String supervisor, String status, long alive,
                            long passivated, long restarts, long crashes, long deadLetters, Crash lastCrash,
                            String idleTimeout) implements Node {
    }

    /**
     * A crash.
     *
     * @param time when
     * @param reason the exit reason
     * @param exceptionType the exception's class, or null
     * @param exceptionMessage the exception's message, or null
     * @param messageType the type of the message being handled, or null
     */
    public record Crash(String time, String reason, String exceptionType, String exceptionMessage,
                        String messageType) {

        static Crash of(CrashReport report) {
            return report == null ? null : new Crash(report.time().toString(), String.valueOf(report.reason()),
                    report.exceptionType(), report.exceptionMessage(), report.messageType());
        }
    }

    /**
     * The message a server is handling.
     *
     * @param type its type
     * @param runningFor how long it has been handled (ISO-8601)
     */
    public record CurrentMessage(String type, String runningFor) {
    }

    // ---- reading ------------------------------------------------------------------------------

    /**
     * Tells whether the supervision tree has been started and not stopped (it may have given up).
     *
     * @return true while the application's tree runs
     */
    public boolean isTreeRunning() {
        return tree.isRunning();
    }

    /**
     * Returns the supervision tree as it is now.
     *
     * @return the root, or empty when the tree is not running (before start, after stop)
     */
    public Optional<SupervisorNode> tree() {
        if (!tree.isRunning()) {
            return Optional.empty();
        }
        Optional<ServerRef> root = runtime.whereis(TreeSpec.processName(ROOT));
        return Optional.of(supervisor(ROOT, null, root.orElse(null), null, null));
    }

    /**
     * Finds a node by name: a supervisor ({@code root}, {@code payments}, or its process name
     * {@code genserver.supervisor.payments}), a server, a keyed server ({@code cart}), or a
     * keyed instance ({@code cart[ann]}).
     *
     * @param name the name
     * @return the node, or empty when nothing has that name
     */
    public Optional<Node> find(String name) {
        String wanted = name.startsWith(TreeSpec.processName("")) ? name.substring(TreeSpec.processName("").length())
                : name;
        Optional<SupervisorNode> root = tree();
        if (root.isPresent()) {
            Node found = find(root.get(), wanted);
            if (found != null) {
                return Optional.of(found);
            }
        }
        if (ServerTags.isSupervisorProcess(name)) {
            return Optional.empty();
        }
        // Keyed instances, and servers started outside the tree.
        return runtime.whereis(name).map(ref -> {
            String type = tags.keyedType(name);
            String supervisor = type != null ? KeyedServerManager.supervisorName(type) : null;
            String restart = type != null ? "transient" : null;
            return (Node) worker(name, supervisor, ref, ChildStatus.RUNNING, restart);
        });
    }

    private static Node find(Node node, String name) {
        if (node.name().equals(name) || node instanceof KeyedNode k && k.supervisor().equals(name)) {
            return node;
        }
        if (node instanceof SupervisorNode s) {
            for (Node child : s.children()) {
                Node found = find(child, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Finds the instance of a keyed server for a key, by its registered name
     * ({@code name[key]}).
     *
     * @param name the keyed server's name
     * @param key the key, as its {@code toString}
     * @return the instance, or empty when none runs
     */
    public Optional<Node> findInstance(String name, String key) {
        if (!tags.isKeyedServer(name)) {
            return Optional.empty();
        }
        return find(name + "[" + key + "]").filter(WorkerNode.class::isInstance);
    }

    /**
     * Returns a live process by name.
     *
     * @param name the registered name
     * @return the process
     */
    public Optional<ServerRef> whereis(String name) {
        return runtime.whereis(name);
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
        Optional<ServerRef> ref = runtime.whereis(name);
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
     * Visits the running instances of a keyed server (no list of them is built).
     *
     * @param name the keyed server's name
     * @param visitor receives each instance
     */
    public void forEachInstance(String name, Consumer<ServerRef> visitor) {
        if (keyed == null || !tags.isKeyedServer(name)) {
            return;
        }
        // select(...) visits every entry; the filter keeps none, so no list of a million entries is built.
        keyed.registry(name).select(e -> {
            visitor.accept(e.ref());
            return false;
        });
    }

    /**
     * Counts the running instances of a keyed server.
     *
     * @param name the keyed server's name
     * @return the count
     */
    public int countInstances(String name) {
        return keyed == null || !tags.isKeyedServer(name) ? 0 : keyed.registry(name).count();
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
     * Returns the application's servers.
     *
     * @return the definitions
     */
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

    // ---- building -----------------------------------------------------------------------------

    private SupervisorNode supervisor(String name, String parent, ServerRef ref, ChildStatus childStatus,
                                      String restart) {
        ServerInfo info = ref == null ? null : ref.info();
        String status = status(info, childStatus, TreeSpec.processName(name));
        List<Node> children = new ArrayList<>();
        if (info != null && info.status() == ServerStatus.RUNNING) {
            for (ChildInfo child : timed(() -> Supervisor.of(ref).whichChildren(), List.<ChildInfo>of())) {
                String childRestart = lower(child.restart());
                if (child.type() == ChildType.SUPERVISOR) {
                    ServerDefinition keyedDef = keyedBySupervisor.get(child.id());
                    if (keyedDef != null) {
                        children.add(keyed(keyedDef, child));
                    } else if (child.ref() != null && DYNAMIC_SUPERVISOR.equals(child.ref().info().serverType())) {
                        children.add(dynamic(child, name, childRestart));
                    } else {
                        children.add(supervisor(child.id(), name, child.ref(), child.status(), childRestart));
                    }
                } else {
                    children.add(worker(child.id(), name, child.ref(), child.status(), childRestart));
                }
            }
        }
        return new SupervisorNode(name, "supervisor", lower(strategies().getOrDefault(name, Strategy.ONE_FOR_ONE)),
                parent, restart, status, info == null ? 0 : info.restarts(), List.copyOf(children));
    }

    /** A dynamic supervisor that is not a keyed server's: its children are counted, not listed. */
    private SupervisorNode dynamic(ChildInfo child, String parent, String restart) {
        ServerInfo info = child.ref().info();
        return new SupervisorNode(child.id(), "supervisor", "one_for_one", parent, restart,
                status(info, child.status(), child.id()), info.restarts(), List.of());
    }

    private KeyedNode keyed(ServerDefinition def, ChildInfo child) {
        String name = def.serverName();
        ServerInfo info = child.ref() == null ? null : child.ref().info();
        GenServerActivity.Snapshot s = activity.of(name);
        Duration idle = idleTimeouts.apply(def);
        return new KeyedNode(name, "keyed", def.serverClass().getName(), child.id(),
                status(info, child.status(), child.id()), countInstances(name), s.passivations(), s.restarts(),
                s.crashes(), s.deadLetters(), Crash.of(s.lastCrash()),
                idle == null || idle.compareTo(ServerRef.INFINITY) >= 0 ? null : idle.toString());
    }

    private WorkerNode worker(String name, String supervisor, ServerRef ref, ChildStatus childStatus,
                              String restart) {
        ServerInfo info = ref == null ? null : ref.info();
        String tag = tags.of(name);
        // A keyed instance is counted with its keyed server; its own counts are those of its process.
        GenServerActivity.Snapshot s = tags.keyedType(name) != null ? GenServerActivity.Snapshot.NONE : activity.of(tag);
        ServerDefinition def = byName.get(tag);
        String className = def != null ? def.serverClass().getName() : info != null ? info.serverType() : null;
        if (info == null) {
            return new WorkerNode(name, "worker", className, supervisor, restart,
                    status(null, childStatus, name), 0, s.crashes(), Crash.of(s.lastCrash()), 0, 0, 0, 0, null, null,
                    null, false, null);
        }
        CrashReport crash = info.lastCrash() != null ? info.lastCrash() : s.lastCrash();
        CurrentMessage current = info.currentMessageType() == null ? null
                : new CurrentMessage(info.currentMessageType(), info.currentMessageRunning().toString());
        return new WorkerNode(name, "worker", className, supervisor, restart, status(info, childStatus, name),
                info.restarts(), s.crashes(), Crash.of(crash), info.mailboxLength(), info.messagesHandled(),
                info.deadLetters(), info.skippedCalls(),
                info.startedAt() == null ? null : info.startedAt().toString(),
                info.startedAt() == null ? null : info.uptime().toString(), current, info.hibernating(), null);
    }

    private String status(ServerInfo info, ChildStatus childStatus, String processName) {
        if (info != null) {
            return lower(info.status());
        }
        if (childStatus == ChildStatus.RESTARTING) {
            return "restarting";
        }
        GenServerActivity.Snapshot s = activity.of(tags.of(processName));
        return s.lastExit() != null && !s.lastExit().isNormal() ? "failed" : "stopped";
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

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
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

    // ---- operations ---------------------------------------------------------------------------

    /** What an operation on a process can do. */
    public enum Action {
        /** Restart: a fresh instance through its supervisor (a keyed instance stops; the next message starts it). */
        RESTART,
        /** Suspend: the server handles only inspection; messages queue. */
        SUSPEND,
        /** Resume a suspended server. */
        RESUME;

        /**
         * Parses an action name.
         *
         * @param value {@code restart}, {@code suspend} or {@code resume}
         * @return the action, or null for anything else
         */
        public static Action parse(String value) {
            if (value == null) {
                return null;
            }
            for (Action a : values()) {
                if (a.name().equalsIgnoreCase(value.trim())) {
                    return a;
                }
            }
            return null;
        }
    }

    /** An operation that does not apply to the process it names. */
    public static class UnsupportedOperationOnProcess extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedOperationOnProcess(String message) {
            super(message);
        }
    }

    /**
     * Acts on a process found by {@link #find(String)}.
     *
     * @param node the process
     * @param action what to do
     * @return the process afterwards
     * @throws UnsupportedOperationOnProcess when the action does not apply to it
     * @throws dev.genserver.process.GenServerException when the runtime refused
     */
    public Node operate(Node node, Action action) {
        return switch (action) {
            case RESTART -> restart(node);
            case SUSPEND, RESUME -> suspendOrResume(node, action == Action.SUSPEND);
        };
    }

    private Node restart(Node node) {
        switch (node) {
            case SupervisorNode s when s.supervisor() == null -> {
                // The root: restart the whole tree, with fresh supervisors and servers.
                tree.stop();
                tree.start();
            }
            case SupervisorNode s -> restartChild(s.supervisor(), s.name());
            case KeyedNode k -> throw new UnsupportedOperationOnProcess(k.name() + " is a keyed server; restart one "
                    + "instance (" + k.name() + "/{key}) or its supervisor " + k.supervisor());
            case WorkerNode w when w.supervisor() == null -> throw new UnsupportedOperationOnProcess(w.name()
                    + " is not supervised; there is nothing to restart it");
            case WorkerNode w when tags.keyedType(w.name()) != null -> {
                ServerRef ref = runtime.whereis(w.name()).orElse(null);
                ServerRef sup = runtime.whereis(TreeSpec.processName(w.supervisor())).orElse(null);
                if (ref != null && sup != null) {
                    DynamicSupervisor.of(sup).terminateChild(ref);
                }
                return worker(w.name(), w.supervisor(), ref, ChildStatus.UNDEFINED, w.restart());
            }
            case WorkerNode w -> restartChild(w.supervisor(), w.name());
        }
        return find(node.name()).orElse(node);
    }

    private void restartChild(String supervisor, String id) {
        ServerRef sup = runtime.whereis(TreeSpec.processName(supervisor)).orElseThrow(
                () -> new UnsupportedOperationOnProcess("the supervisor " + supervisor + " of " + id + " is not running"));
        Supervisor s = Supervisor.of(sup);
        s.terminateChild(id);
        s.restartChild(id);
    }

    private Node suspendOrResume(Node node, boolean suspend) {
        if (!(node instanceof WorkerNode w)) {
            throw new UnsupportedOperationOnProcess(node.name() + " is a " + node.type()
                    + "; only servers can be suspended and resumed");
        }
        ServerRef ref = runtime.whereis(w.name()).orElseThrow(
                () -> new UnsupportedOperationOnProcess(w.name() + " is not running"));
        if (suspend) {
            ref.suspend();
        } else {
            ref.resume();
        }
        return find(w.name()).orElse(node);
    }
}
