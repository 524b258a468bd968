package dev.genserver.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * One life of a server: the instance built by the factory, its state, its links and monitors.
 * A restart creates a new incarnation on the same {@link ProcessCell}; a dead incarnation is
 * never reused. Links and monitors belong to the incarnation, as they belong to a pid in OTP.
 */
final class Incarnation implements ServerContext {

    static final int STARTING = 0;
    static final int LIVE = 1;
    static final int DEAD = 2;

    /** What init decided, as seen by the thread waiting in start. */
    sealed interface InitOutcome {
        record Started() implements InitOutcome {
        }

        InitOutcome STARTED = new Started();

        record Ignored() implements InitOutcome {
        }

        record Failed(ExitReason reason) implements InitOutcome {
        }
    }

    private static final VarHandle INIT_OUTCOME;

    static {
        try {
            INIT_OUTCOME = MethodHandles.lookup().findVarHandle(Incarnation.class, "initOutcome", InitOutcome.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ProcessCell cell;
    final GenServer<Object> server;
    final boolean restart;
    /** The state; read and written only by the thread running this server's callbacks. */
    @RunnerOnly @Nullable Object state;
    volatile int phase = STARTING;
    volatile boolean trapExits;
    /** Set once, when init has decided; the starting thread waits for it. */
    private volatile InitOutcome initOutcome;
    private volatile Thread starter;
    /**
     * Who waits for this incarnation's exit: null, the exit future ({@link #exitFuture}), or the
     * one action a supervisor set ({@link #whenExits}) while nobody asked for the future. Created
     * on demand: most servers are never waited on, and the action alone spares each supervised
     * child a future, its completion record and the dependent future. Guarded by this.
     */
    private @Nullable Object exit;
    private ExitReason exitReason;

    /** An inactivity timeout asked for by the last result, armed when the mailbox runs empty. */
    @RunnerOnly @Nullable Duration pendingTimeout;
    @RunnerOnly long timeoutGeneration;
    @RunnerOnly @Nullable ScheduledFuture<?> timeoutTimer;
    /** Written by the runner only; volatile because inspection reads it. */
    volatile boolean hibernating;

    // Guarded by this.
    private Set<Incarnation> links;
    private Map<MonitorRef, Incarnation> monitoredBy;
    private Map<MonitorRef, Incarnation> monitoring;
    private volatile Set<CallEnvelope> deferred;
    /**
     * Timers set through this context and not yet fired or cancelled; created on the first
     * {@link #sendAfter}. Concurrent: the timer thread removes what fires, inspection reads.
     */
    private volatile Set<ProcessRuntime.ScheduledTimer> timers;

    @SuppressWarnings("unchecked")
    Incarnation(ProcessCell cell, GenServer<?> server, boolean restart) {
        this.cell = cell;
        // The message is built only on failure: a start must not pay for a string.
        this.server = (GenServer<Object>) Objects.requireNonNull(server,
                () -> "the factory of server " + cell.displayName() + " returned null");
        this.restart = restart;
    }

    // ---- init hand-off ----------------------------------------------------------------------

    boolean initDecided() {
        return initOutcome != null;
    }

    /** Records init's outcome once and wakes the starting thread. */
    boolean decideInit(InitOutcome outcome) {
        if (!INIT_OUTCOME.compareAndSet(this, null, outcome)) {
            return false;
        }
        Thread t = starter;
        if (t != null) {
            LockSupport.unpark(t);
        }
        return true;
    }

    /** Busy-wait iterations of a starter before it yields, then parks. */
    private static final int INIT_SPINS = 128;
    /** Yields of a starter before it parks. */
    private static final int INIT_YIELDS = 16;

    /**
     * Waits for init's outcome on the starting thread: a short spin (a quick init finishes within
     * microseconds), a few yields, then parks. A starter on a virtual thread skips the spin: the
     * new server's thread was queued on its own carrier and runs when the starter yields it.
     *
     * @param timeoutNanos the limit, or a negative value for none
     * @return the outcome; absent on timeout
     */
    @Nullable InitOutcome awaitInit(long timeoutNanos) throws InterruptedException {
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            for (int spins = Thread.currentThread().isVirtual() ? INIT_SPINS : 0; spins < INIT_SPINS + INIT_YIELDS;
                    spins++) {
                InitOutcome o = initOutcome;
                if (o != null) {
                    return o;
                }
                if (spins < INIT_SPINS) {
                    Thread.onSpinWait();
                } else {
                    // A starter on a virtual thread may hold the very carrier the new server's
                    // init is queued on; a platform starter may hold the core it needs.
                    Thread.yield();
                }
            }
            // Only a starter about to park asks to be woken: unparking a thread that is still
            // spinning would cost the new server's thread a needless system call.
            starter = Thread.currentThread();
            for (;;) {
                InitOutcome o = initOutcome;
                if (o != null) {
                    return o;
                }
                if (timeoutNanos < 0) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    LockSupport.parkNanos(this, left);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            starter = null;
        }
    }

    /** A future of this incarnation's exit reason. */
    @SuppressWarnings("unchecked")
    synchronized CompletableFuture<ExitReason> exitFuture() {
        if (exit instanceof CompletableFuture<?> future) {
            return (CompletableFuture<ExitReason>) future;
        }
        CompletableFuture<ExitReason> future = exitReason != null ? CompletableFuture.completedFuture(exitReason)
                : new CompletableFuture<>();
        if (exit != null && exitReason == null) {
            // A supervisor's action waits already: the future takes it over (after the exit, it ran).
            future.whenComplete((BiConsumer<? super ExitReason, ? super Throwable>) exit);
        }
        exit = future;
        return future;
    }

    /**
     * Runs {@code action} on the thread that ends this incarnation, once it has exited (at once
     * if it has): {@code exitFuture().whenComplete(action)} without the future while nothing
     * else waits. An exception from the action is logged, as the future would have kept it.
     */
    @SuppressWarnings("unchecked")
    void whenExits(BiConsumer<? super ExitReason, ? super Throwable> action) {
        ExitReason exited;
        synchronized (this) {
            exited = exitReason;
            if (exited == null) {
                if (exit == null) {
                    exit = action;
                } else {
                    exitFuture().whenComplete(action);
                }
                return;
            }
        }
        runExitAction(action, exited);
    }

    private void runExitAction(BiConsumer<? super ExitReason, ? super Throwable> action, ExitReason reason) {
        try {
            action.accept(reason, null);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger("dev.genserver.process").error("an exit action of server {} failed",
                    cell.displayName(), e);
        }
    }

    boolean isDead() {
        return phase == DEAD;
    }

    /** Marks this incarnation dead; true for the one caller that did it. */
    synchronized boolean die(ExitReason reason) {
        if (phase == DEAD) {
            return false;
        }
        deathReason = reason;
        phase = DEAD;
        return true;
    }

    /**
     * Marks a started incarnation live, unless it died meanwhile (killed while its init ran).
     * {@code onLive} runs under the same lock as {@link #die}, so that what it publishes (the
     * cell's status) cannot overwrite what a concurrent death publishes after it.
     *
     * @return false if it is dead
     */
    synchronized boolean goLive(Runnable onLive) {
        if (phase == DEAD) {
            return false;
        }
        phase = LIVE;
        onLive.run();
        return true;
    }

    /** Why this incarnation died; set before {@link #phase} becomes DEAD. */
    volatile ExitReason deathReason;

    // ---- ServerContext ----------------------------------------------------------------------

    @Override
    public ServerRef self() {
        return cell;
    }

    @Override
    public ProcessRuntime runtime() {
        return cell.runtime;
    }

    @Override
    public TimerRef sendAfter(Object message, Duration delay) {
        Set<ProcessRuntime.ScheduledTimer> pending = timers;
        if (pending == null) {
            synchronized (this) {
                pending = timers;
                if (pending == null) {
                    pending = ConcurrentHashMap.newKeySet();
                    timers = pending;
                }
            }
        }
        return cell.runtime.sendAfter(cell, message, delay, pending);
    }

    /**
     * The links, monitors and pending timers of this incarnation: links and monitors are copied
     * under this incarnation's lock (the one that guards their mutation), so any thread may call
     * it; the timers are read from their concurrent set.
     */
    ProcessRelations relations() {
        List<ServerRef> linked;
        List<ServerRef> watched;
        List<ServerRef> watchers;
        synchronized (this) {
            linked = links == null ? List.of() : links.stream().<ServerRef>map(i -> i.cell).toList();
            watched = monitoring == null ? List.of()
                    : monitoring.values().stream().<ServerRef>map(i -> i.cell).toList();
            watchers = monitoredBy == null ? List.of()
                    : monitoredBy.values().stream().<ServerRef>map(i -> i.cell).toList();
        }
        Set<ProcessRuntime.ScheduledTimer> pending = timers;
        List<ProcessRelations.PendingTimer> shown = new ArrayList<>();
        if (pending != null) {
            for (ProcessRuntime.ScheduledTimer t : pending) {
                t.remaining().ifPresent(left -> shown.add(
                        new ProcessRelations.PendingTimer(GenServerException.typeOf(t.message), left)));
            }
        }
        return new ProcessRelations(linked, watched, watchers, shown);
    }

    @Override
    public void trapExits(boolean trap) {
        trapExits = trap;
    }

    @Override
    public void link(ServerRef other) {
        ProcessCell target = cell.runtime.cellOf(other);
        Incarnation them = target == null ? null : target.current;
        if (them == this) {
            return;
        }
        if (them == null || !linkBoth(this, them)) {
            if (trapExits) {
                cell.enqueueSignal(new ExitSignal(other, ExitReason.NOPROC));
            } else {
                throw new NoProcessException(other.displayName(), "link");
            }
        }
    }

    private static boolean linkBoth(Incarnation a, Incarnation b) {
        Incarnation first = a.cell.id < b.cell.id ? a : b;
        Incarnation second = first == a ? b : a;
        synchronized (first) {
            synchronized (second) {
                if (a.phase == DEAD || b.phase == DEAD) {
                    return false;
                }
                a.linksMutable().add(b);
                b.linksMutable().add(a);
                return true;
            }
        }
    }

    @Override
    public void unlink(ServerRef other) {
        ProcessCell target = cell.runtime.cellOf(other);
        Incarnation them = target == null ? null : target.current;
        synchronized (this) {
            if (links != null) {
                links.removeIf(l -> l.cell == target);
            }
        }
        if (them != null) {
            them.removeLink(this);
        }
    }

    synchronized void removeLink(Incarnation other) {
        if (links != null) {
            links.remove(other);
        }
    }

    private Set<Incarnation> linksMutable() {
        if (links == null) {
            links = new HashSet<>(4);
        }
        return links;
    }

    @Override
    public MonitorRef monitor(ServerRef other) {
        ProcessCell target = cell.runtime.cellOf(other);
        MonitorRef ref = new MonitorRef(cell.runtime.nextId(), other);
        Incarnation them = target == null ? null : target.current;
        if (them != null && them.addMonitor(ref, this)) {
            synchronized (this) {
                if (monitoring == null) {
                    monitoring = new HashMap<>(4);
                }
                monitoring.put(ref, them);
            }
        } else {
            cell.enqueueSignal(new Down(ref, other, ExitReason.NOPROC));
        }
        return ref;
    }

    synchronized boolean addMonitor(MonitorRef ref, Incarnation watcher) {
        if (phase == DEAD) {
            return false;
        }
        if (monitoredBy == null) {
            monitoredBy = new HashMap<>(4);
        }
        monitoredBy.put(ref, watcher);
        return true;
    }

    synchronized boolean removeMonitor(MonitorRef ref) {
        return monitoredBy != null && monitoredBy.remove(ref) != null;
    }

    @Override
    public boolean demonitor(MonitorRef monitor, boolean flush) {
        Incarnation them;
        synchronized (this) {
            them = monitoring == null ? null : monitoring.remove(monitor);
        }
        boolean active = them != null && them.removeMonitor(monitor);
        if (flush) {
            cell.removeMessages(e -> e.message instanceof Down d && d.monitor().equals(monitor));
        }
        return active;
    }

    // ---- deferred replies -------------------------------------------------------------------

    void holdDeferred(CallEnvelope call) {
        Set<CallEnvelope> set = deferred;
        if (set == null) {
            synchronized (this) {
                set = deferred;
                if (set == null) {
                    set = ConcurrentHashMap.newKeySet();
                    deferred = set;
                }
            }
        }
        call.deferredBy = this;
        set.add(call);
        if (!call.isPending()) {
            set.remove(call);
        }
    }

    void forgetDeferred(CallEnvelope call) {
        Set<CallEnvelope> set = deferred;
        if (set != null) {
            set.remove(call);
        }
    }

    // ---- exit -------------------------------------------------------------------------------

    /**
     * After {@link #die}: answers deferred callers, and tells links and monitors. Runs once.
     */
    @SuppressWarnings("unchecked")
    void signalExit(ExitReason reason) {
        Set<CallEnvelope> waiting = deferred;
        if (waiting != null) {
            for (CallEnvelope call : List.copyOf(waiting)) {
                call.failWith(new ServerStoppedException(cell.displayName(), GenServerException.typeOf(call.message),
                        reason));
            }
        }
        List<Incarnation> linked;
        List<Map.Entry<MonitorRef, Incarnation>> watchers;
        List<Map.Entry<MonitorRef, Incarnation>> watched;
        synchronized (this) {
            linked = links == null ? List.of() : new ArrayList<>(links);
            watchers = monitoredBy == null ? List.of() : new ArrayList<>(monitoredBy.entrySet());
            watched = monitoring == null ? List.of() : new ArrayList<>(monitoring.entrySet());
            links = null;
            monitoredBy = null;
            monitoring = null;
        }
        for (Map.Entry<MonitorRef, Incarnation> w : watched) {
            w.getValue().removeMonitor(w.getKey());
        }
        for (Map.Entry<MonitorRef, Incarnation> w : watchers) {
            Incarnation watcher = w.getValue();
            if (!watcher.isDead()) {
                watcher.cell.enqueueSignal(new Down(w.getKey(), w.getKey().target(), reason));
            }
        }
        for (Incarnation other : linked) {
            other.removeLink(this);
            other.cell.deliverExitSignal(other, cell, reason);
        }
        Object exitWaiters;
        synchronized (this) {
            exitReason = reason;
            exitWaiters = exit;
        }
        if (exitWaiters instanceof CompletableFuture<?> future) {
            ((CompletableFuture<ExitReason>) future).complete(reason);
        } else if (exitWaiters != null) {
            runExitAction((BiConsumer<? super ExitReason, ? super Throwable>) exitWaiters, reason);
        }
    }
}
