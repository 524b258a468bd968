package dev.genserver.spring.support;

import dev.genserver.process.AlreadyStartedException;
import dev.genserver.process.CrashReport;
import dev.genserver.process.DescribedMessage;
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
import dev.genserver.supervisor.SupervisorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
 * <p>When the root supervisor gives up (more restarts than its intensity allows), nothing in the
 * tree runs any more and nothing will restart it: the tree logs one ERROR line naming the
 * supervisor, its intensity and the last crash, remembers it ({@link #gaveUp()}), and hands it to
 * the give-up policy ({@code genserver.on-give-up}). From then on a call to one of its servers fails
 * with a {@link NoProcessException} that says so ({@link #noProcess}), and a cast or send to one is
 * counted as a dead letter of that server and logged once ({@link #deadLetter}).
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
    private final Consumer<GiveUp> onGiveUp;
    private volatile TreeSpec spec;
    private volatile Supervisor root;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile boolean listening;
    private volatile GiveUp gaveUp;
    /** The last process of each plain server, to count dead letters to it once the tree gave up. */
    private final Map<String, ServerRef> lastRefs = new ConcurrentHashMap<>();
    /** The servers whose first dead letter after the give-up has been logged. */
    private final Set<String> deadLettersLogged = ConcurrentHashMap.newKeySet();

    /**
     * Creates a tree that only logs when its root gives up.
     *
     * @param runtime the runtime
     * @param treeSpec builds the tree's spec when it starts
     * @param phaseTimeout the most the whole stop may take ({@code spring.lifecycle.timeout-per-shutdown-phase})
     */
    public SupervisionTree(ProcessRuntime runtime, Supplier<TreeSpec> treeSpec, Duration phaseTimeout) {
        this(runtime, treeSpec, phaseTimeout, g -> { });
    }

    /**
     * Creates the tree.
     *
     * @param runtime the runtime
     * @param treeSpec builds the tree's spec when it starts
     * @param phaseTimeout the most the whole stop may take ({@code spring.lifecycle.timeout-per-shutdown-phase})
     * @param onGiveUp the give-up policy, told (on the root's thread, so it must return quickly) when
     *                 the root supervisor has given up, after the tree has logged it
     */
    public SupervisionTree(ProcessRuntime runtime, Supplier<TreeSpec> treeSpec, Duration phaseTimeout,
                           Consumer<GiveUp> onGiveUp) {
        this.runtime = runtime;
        this.treeSpec = treeSpec;
        this.phaseTimeout = phaseTimeout;
        this.onGiveUp = onGiveUp;
    }

    /**
     * The root supervisor of the tree gave up: it reached its restart intensity, stopped every
     * server of the tree and exited, and nothing restarts it.
     *
     * @param at when it gave up
     * @param supervisor the supervisor that gave up (the root)
     * @param maxRestarts its intensity: the restarts it tolerates within {@code period}
     * @param period the period of its intensity
     * @param lastCrash the last crash of a server of the tree before it gave up ({@code "ledger
     *                  exited with crash(...)"}), or null when none was seen
     */
    public record GiveUp(Instant at, String supervisor, int maxRestarts, Duration period, String lastCrash) {

        /**
         * Describes the give-up in one sentence, for logs and exception messages.
         *
         * @return for example {@code "supervisor root gave up at ... after more than 3 restarts in 5s
         *         (last crash: ledger exited with crash(...))"}
         */
        public String describe() {
            return "supervisor " + supervisor + " gave up at " + at + " after more than " + maxRestarts
                    + (maxRestarts == 1 ? " restart" : " restarts") + " in " + format(period)
                    + (lastCrash == null ? "" : " (last crash: " + lastCrash + ")");
        }
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
                public void started(ServerRef server, boolean restart) {
                    serverStarted(server);
                }

                @Override
                public void exited(ServerRef server, ExitReason reason) {
                    serverExited(server, reason);
                }
            });
        }
        TreeSpec s = treeSpec.get();
        spec = s;
        stopping = false;
        gaveUp = null;
        lastRefs.clear();
        deadLettersLogged.clear();
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

    private void serverStarted(ServerRef server) {
        TreeSpec s = spec;
        String name = server.name().orElse(null);
        if (s != null && name != null && s.supervisorOf().containsKey(name)) {
            lastRefs.put(name, server);
        }
    }

    private void serverExited(ServerRef server, ExitReason reason) {
        TreeSpec s = spec;
        String name = server.name().orElse(null);
        if (s == null || name == null || stopping) {
            return;
        }
        Supervisor r = root;
        if (r == null || !running || !server.equals(r.ref())) {
            return;
        }
        SupervisorSpec rootSpec = s.root();
        GiveUp g = new GiveUp(Instant.now(), TreeSpec.ROOT, rootSpec.maxRestarts(), rootSpec.period(), lastCrash());
        gaveUp = g;
        log.error("GenServer supervision tree stopped: {}; none of its servers runs any more and nothing "
                + "restarts them (genserver.on-give-up decides what the application does now)", g.describe());
        try {
            onGiveUp.accept(g);
        } catch (RuntimeException e) {
            log.error("the GenServer give-up policy failed", e);
        }
    }

    /**
     * Finds the most recent crash of a server of the tree (each server records its last crash
     * before its supervisor hears of it), leaving out servers killed while the tree shut down.
     */
    private String lastCrash() {
        String last = null;
        Instant at = Instant.MIN;
        for (Map.Entry<String, ServerRef> e : lastRefs.entrySet()) {
            CrashReport crash = e.getValue().info().lastCrash();
            if (crash != null && !(crash.reason() instanceof ExitReason.Killed) && crash.time().isAfter(at)) {
                at = crash.time();
                last = e.getKey() + " exited with " + crash.reason();
            }
        }
        return last;
    }

    /**
     * Tells whether the root supervisor has given up since the tree last started.
     *
     * @return the give-up, or empty while the tree runs (or has not started, or was stopped)
     */
    public Optional<GiveUp> gaveUp() {
        return Optional.ofNullable(gaveUp);
    }

    /**
     * Returns the exception for a message to a server that is not running, saying why when the
     * tree knows it: {@code "no process ledger to handle LedgerApi.post(...); it is not running:
     * its supervisor payments was stopped when supervisor root gave up at ... after more than 3
     * restarts in 5s (last crash: ...); nothing restarts it until the application restarts"}.
     *
     * @param server the server's name
     * @param what the message
     * @return the exception to throw
     */
    public NoProcessException noProcess(String server, String what) {
        return new NoProcessException(server, what, whyNotRunning(server));
    }

    private String whyNotRunning(String server) {
        GiveUp g = gaveUp;
        TreeSpec s = spec;
        if (g == null || s == null) {
            return null;
        }
        String supervisor = s.supervisorOf().get(server);
        if (supervisor == null) {
            int bracket = server.indexOf('[');
            supervisor = bracket > 0 && s.dynamic().contains(KeyedServerManager.supervisorName(server.substring(0, bracket)))
                    ? KeyedServerManager.supervisorName(server.substring(0, bracket)) : null;
        }
        if (supervisor == null) {
            return null;
        }
        String under = supervisor.equals(g.supervisor()) ? "its " + g.describe()
                : "its supervisor " + supervisor + " was stopped when " + g.describe();
        return "it is not running: " + under + "; nothing restarts it until the application restarts";
    }

    /**
     * Records a cast or send to a server that is not running. Once the tree has given up, it is
     * counted as a dead letter of that server (in the runtime's and the server's counts, and by
     * dead-letter listeners; a keyed instance that never ran has no count to add to) and the first
     * one per server is logged as a warning; otherwise it is logged at debug level only, as the
     * runtime does for any dead letter.
     *
     * @param server the server's name
     * @param message the message
     */
    public void deadLetter(String server, Object message) {
        GiveUp g = gaveUp;
        if (g == null || whyNotRunning(server) == null) {
            log.debug("dead letter: no server {} for {}", server, typeOf(message));
            return;
        }
        ServerRef last = lastRefs.get(server);
        if (last != null && !last.isAlive()) {
            last.cast(message); // the runtime counts a message to a stopped server as its dead letter
        }
        int bracket = server.indexOf('[');
        if (deadLettersLogged.add(bracket > 0 ? server.substring(0, bracket) : server)) {
            log.warn("dead letter: {} to server {}, which is not running since {}; further dead letters to it "
                    + "are counted, not logged", typeOf(message), server, g.describe());
        }
    }

    private static String typeOf(Object message) {
        return message instanceof DescribedMessage d ? d.messageType()
                : message == null ? "null" : message.getClass().getName();
    }

    /** A period as people write it: {@code 5s}, {@code 1m30s}, {@code 250ms}. */
    static String format(Duration d) {
        if (d.toMillis() % 1000 != 0 || d.isZero()) {
            return d.toMillis() + "ms";
        }
        long seconds = d.toSeconds();
        StringBuilder sb = new StringBuilder();
        if (seconds >= 3600) {
            sb.append(seconds / 3600).append('h');
            seconds %= 3600;
        }
        if (seconds >= 60) {
            sb.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0) {
            sb.append(seconds).append('s');
        }
        return sb.toString();
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
        Optional<ServerRef> ref = runtime.whereis(TreeSpec.processName(supervisor));
        if (ref.isEmpty() && gaveUp != null) {
            throw noProcess(child.id(), "start");
        }
        DynamicSupervisor sup = DynamicSupervisor.of(ref
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
