package dev.genserver.spring.support;

import dev.genserver.process.AlreadyStartedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessListener;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import dev.genserver.spring.GenServers.TreeNode;
import dev.genserver.spring.InternalApi;
import dev.genserver.supervisor.ChildInfo;
import dev.genserver.supervisor.ChildNotFoundException;
import dev.genserver.supervisor.ChildSpec;
import dev.genserver.supervisor.ChildType;
import dev.genserver.supervisor.DynamicSupervisor;
import dev.genserver.supervisor.Strategy;
import dev.genserver.supervisor.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The application's supervision tree (core {@link Supervisor}s and {@link DynamicSupervisor}s),
 * started and stopped with the application context.
 *
 * <p>It starts in lifecycle phase {@link #PHASE}, below the web server's (Spring Boot starts the
 * web server in phase {@code DEFAULT_PHASE - 2048} and drains it in {@code DEFAULT_PHASE - 1024}):
 * every server has run its init before the web server takes traffic, and on close the servers
 * stop only after the web server has drained, in reverse start order, each running terminate
 * within its shutdown timeout, all within {@code spring.lifecycle.timeout-per-shutdown-phase}.
 * A server that fails to start fails the application's startup.
 *
 * <p>{@link #snapshot()} shows the tree with every server's {@link ServerRef}, for tools such as
 * Actuator.
 */
@InternalApi
public class SupervisionTree implements SmartLifecycle {

    /** The lifecycle phase: before the web server starts, after it has drained. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(SupervisionTree.class);

    private final ProcessRuntime runtime;
    private final Supplier<TreeSpec> treeSpec;
    private final Duration phaseTimeout;
    private volatile TreeSpec spec;
    private volatile Supervisor root;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile boolean listening;

    /**
     * Creates the tree.
     *
     * @param runtime the runtime
     * @param treeSpec builds the tree's spec when it starts
     * @param phaseTimeout the most the whole stop may take ({@code spring.lifecycle.timeout-per-shutdown-phase})
     */
    public SupervisionTree(ProcessRuntime runtime, Supplier<TreeSpec> treeSpec, Duration phaseTimeout) {
        this.runtime = runtime;
        this.treeSpec = treeSpec;
        this.phaseTimeout = phaseTimeout;
    }

    // ---- lifecycle --------------------------------------------------------------------------

    @Override
    public void start() {
        if (running) {
            return;
        }
        if (!listening) {
            listening = true;
            runtime.addListener(new ProcessListener() {
                @Override
                public void exited(ServerRef server, ExitReason reason) {
                    rootExited(server, reason);
                }
            });
        }
        TreeSpec s = treeSpec.get();
        spec = s;
        stopping = false;
        try {
            root = Supervisor.start(runtime, s.root(), StartOptions.named(TreeSpec.processName(TreeSpec.ROOT)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the GenServer supervision tree failed to start: " + message(e), e);
        }
        running = true;
    }

    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                sb.append("; ").append(t.getMessage());
            }
        }
        return sb.toString();
    }

    @Override
    public void stop() {
        stopTree();
    }

    @Override
    public void stop(Runnable callback) {
        Thread.ofPlatform().name("genserver-shutdown").daemon(true).start(() -> {
            try {
                stopTree();
            } finally {
                callback.run();
            }
        });
    }

    private void stopTree() {
        Supervisor r = root;
        stopping = true;
        try {
            if (r != null && r.ref().isAlive()) {
                r.stop(ExitReason.SHUTDOWN, phaseTimeout);
            }
        } catch (NoProcessException alreadyGone) {
            // the tree had given up
        } catch (RuntimeException e) {
            log.warn("stopping the GenServer supervision tree failed", e);
        } finally {
            running = false;
            root = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void rootExited(ServerRef server, ExitReason reason) {
        Supervisor r = root;
        if (r == null || stopping || !running || !server.name().equals(r.ref().name())) {
            return;
        }
        log.error("the GenServer supervision tree exited ({}): a supervisor reached its restart intensity; "
                + "its servers are no longer running", reason);
    }

    // ---- dynamic children -------------------------------------------------------------------

    /**
     * Starts a child under a dynamic supervisor, or returns the one already running under the
     * child's name. Blocks until the child's init has returned; starts of other children of the
     * same supervisor go on meanwhile.
     *
     * @param supervisor the dynamic supervisor's name
     * @param child the child, with a registered name
     * @return the child's reference
     * @throws IllegalStateException when the supervisor is not running or the child ignored its start
     */
    public ServerRef startChild(String supervisor, ChildSpec child) {
        DynamicSupervisor sup = DynamicSupervisor.of(runtime.whereis(TreeSpec.processName(supervisor))
                .orElseThrow(() -> new IllegalStateException("the supervisor " + supervisor + " of " + child.id()
                        + " is not running; servers run between the application context's start and close")));
        try {
            StartResult result = sup.startChild(child);
            if (!result.isStarted()) {
                throw new IllegalStateException(child.id() + " did not start: its init returned ignore");
            }
            return result.ref();
        } catch (AlreadyStartedException e) {
            return e.holder();
        }
    }

    /**
     * Stops a child of a dynamic supervisor for good, within its shutdown, running its terminate.
     *
     * @param supervisor the dynamic supervisor's name
     * @param child the child's registered name
     * @return true when the child was running
     */
    public boolean terminateChild(String supervisor, String child) {
        Optional<ServerRef> sup = runtime.whereis(TreeSpec.processName(supervisor));
        Optional<ServerRef> ref = runtime.whereis(child);
        if (sup.isEmpty() || ref.isEmpty()) {
            return false;
        }
        try {
            DynamicSupervisor.of(sup.get()).terminateChild(ref.get());
            return true;
        } catch (ChildNotFoundException | NoProcessException gone) {
            return false;
        }
    }

    // ---- inspection -------------------------------------------------------------------------

    /**
     * Returns the tree as it is now (asking each supervisor for its children).
     *
     * @return the root, or empty when the tree is not running
     */
    public Optional<TreeNode> snapshot() {
        Supervisor r = root;
        TreeSpec s = spec;
        if (r == null || s == null || !r.ref().isAlive()) {
            return Optional.empty();
        }
        return Optional.of(node(TreeSpec.ROOT, r.ref(), s));
    }

    private TreeNode node(String name, ServerRef ref, TreeSpec s) {
        boolean dynamic = s.dynamic().contains(name);
        List<TreeNode> kids = new ArrayList<>();
        if (ref != null) {
            List<ChildInfo> children;
            try {
                children = dynamic ? DynamicSupervisor.of(ref).whichChildren() : Supervisor.of(ref).whichChildren();
            } catch (RuntimeException unavailable) {
                children = List.of();
            }
            for (ChildInfo c : children) {
                if (c.type() == ChildType.SUPERVISOR) {
                    kids.add(node(c.id(), c.ref(), s));
                } else {
                    kids.add(new TreeNode(c.id(), false, null, c.ref(), List.of()));
                }
            }
        }
        return new TreeNode(name, true, s.strategies().getOrDefault(name, Strategy.ONE_FOR_ONE), ref, kids);
    }
}
