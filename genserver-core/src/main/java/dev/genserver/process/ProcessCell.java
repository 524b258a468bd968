package dev.genserver.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server as its clients see it: the name, the mailbox and the counters, which outlive any one
 * {@link Incarnation}. Also the scheduler of its own mailbox loop: when a message arrives and no
 * loop is running, one starts on a fresh virtual thread; when nothing is left to do, the loop ends
 * and the idle server holds no thread at all.
 */
final class ProcessCell extends Mailbox implements ServerRef, Runnable {

    static final ThreadLocal<ProcessCell> CURRENT = new ThreadLocal<>();
    private static final Logger log = LoggerFactory.getLogger("dev.genserver.process");
    /** Messages handled between two looks at the clock. */
    private static final int BATCH = 256;
    /** Spins (about 30 ns each) a server waits for the next call after answering one. */
    private static final int LINGER_SPINS = 256;
    private static final byte LINGER_CREDIT_MAX = 8;
    private static final byte LINGER_PROBE_EVERY = 16;
    /** How long a busy server keeps its carrier thread before letting other servers run. */
    private static final long SLICE_NANOS = 2_000_000L;

    private static final VarHandle RUN;
    private static final VarHandle DEAD_LETTERS;
    private static final VarHandle SKIPPED;
    private static final VarHandle SYSTEM;
    private static final VarHandle INIT_PENDING;
    private static final VarHandle HANDLED;
    private static final VarHandle IN_FLIGHT;
    private static final VarHandle IN_FLIGHT_SINCE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RUN = l.findVarHandle(ProcessCell.class, "run", int.class);
            DEAD_LETTERS = l.findVarHandle(ProcessCell.class, "deadLetters", long.class);
            SKIPPED = l.findVarHandle(ProcessCell.class, "skippedCalls", long.class);
            SYSTEM = l.findVarHandle(ProcessCell.class, "system", ConcurrentLinkedQueue.class);
            INIT_PENDING = l.findVarHandle(ProcessCell.class, "initPending", Incarnation.class);
            HANDLED = l.findVarHandle(ProcessCell.class, "handled", long.class);
            IN_FLIGHT = l.findVarHandle(ProcessCell.class, "inFlight", Envelope.class);
            IN_FLIGHT_SINCE = l.findVarHandle(ProcessCell.class, "inFlightSince", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ProcessRuntime runtime;
    final long id;
    private final String name;
    final StartOptions options;
    final Supplier<? extends GenServer<?>> factory;
    /** Created on first use: an idle server that is never stopped does not pay for it. */
    private volatile ConcurrentLinkedQueue<SystemRequest> system;
    /**
     * The incarnation whose init the loop must run before anything else. A field rather than a
     * system request: every start needs one, and a queue kept for it would cost each idle server
     * its nodes for ever.
     */
    private volatile Incarnation initPending;

    /** 1 while a mailbox loop runs or is about to: the run token. */
    private volatile int run;
    /** The live or starting incarnation; null while restarting or after the end. */
    volatile Incarnation current;
    private volatile ServerStatus status = ServerStatus.STARTING;
    private volatile boolean closed;
    private volatile String serverType;
    /** The server this cell's loop is blocked calling, for cycle detection. */
    volatile ProcessCell waitingOn;
    private volatile Thread runner;

    /** Links of the runtime's list of live servers ({@link LiveCells}), guarded by that list. */
    ProcessCell previousLive;
    ProcessCell nextLive;
    boolean listed;

    /** The instance of the latest incarnation: a restart must never reuse it. */
    private GenServer<?> lastInstance;

    // Runner-only.
    private long sliceStart;
    private boolean lingerAfterMessage;
    private byte lingerCredit = LINGER_CREDIT_MAX / 2;
    private byte lingerProbe;
    private boolean suspended;
    private Envelope stash;

    // Statistics. The loop writes them with release stores (no fence per message); readers see
    // them a moment late at worst.
    private volatile long handled;
    private volatile long deadLetters;
    private volatile long skippedCalls;
    private volatile long restarts;
    private volatile CrashReport lastCrash;
    private volatile Envelope inFlight;
    private volatile long inFlightSince;
    /** Epoch millis when the current instance started; 0 when none runs. */
    private volatile long startedAt;

    ProcessCell(ProcessRuntime runtime, long id, StartOptions options, Supplier<? extends GenServer<?>> factory) {
        super(options.mailbox());
        this.runtime = runtime;
        this.id = id;
        this.name = options.name();
        this.options = options;
        this.factory = factory;
    }

    // ---- identity ---------------------------------------------------------------------------

    @Override
    public long id() {
        return id;
    }

    @Override
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    @Override
    public String displayName() {
        return name != null ? name : "#" + id;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "ServerRef[" + displayName() + "]";
    }

    // ---- client API -------------------------------------------------------------------------

    @Override
    public <R> R call(Object request) {
        return call(request, options.callTimeout());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R call(Object request, Duration timeout) {
        ProcessCell caller = CURRENT.get();
        CallEnvelope call = new CallEnvelope(this, request, false, timeout);
        if (caller == null) {
            try {
                enqueueCall(call);
            } catch (GenServerException e) {
                throw e.forCall(timeout);
            }
            return (R) call.await(timeout);
        }
        // Publish what we wait on before looking for a cycle: of two servers calling each other at
        // the same moment, at least one sees the other's edge.
        caller.waitingOn = this;
        try {
            checkCaller(caller, request);
            enqueueCall(call);
            return (R) call.await(timeout);
        } catch (CallingSelfException | CallCycleException | NoProcessException | MailboxFullException e) {
            throw e.forCall(timeout);
        } finally {
            caller.waitingOn = null;
        }
    }

    @Override
    public <R> CompletableFuture<R> callAsync(Object request) {
        return callAsync(request, options.callTimeout());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> callAsync(Object request, Duration timeout) {
        CallEnvelope call = new CallEnvelope(this, request, true, timeout);
        CompletableFuture<Object> future = call.future();
        try {
            if (CURRENT.get() == this) {
                throw new CallingSelfException(displayName(), GenServerException.typeOf(request));
            }
            enqueueCall(call);
        } catch (GenServerException e) {
            future.completeExceptionally(e.forCall(timeout));
            return (CompletableFuture<R>) future;
        }
        if (timeout.compareTo(ServerRef.INFINITY) < 0) {
            runtime.schedule(() -> {
                if (call.abandon()) {
                    future.completeExceptionally(new CallTimeoutException(displayName(),
                            GenServerException.typeOf(request), timeout));
                }
            }, timeout);
        }
        return (CompletableFuture<R>) future;
    }

    private void checkCaller(ProcessCell caller, Object request) {
        if (caller == this) {
            throw new CallingSelfException(displayName(), GenServerException.typeOf(request));
        }
        List<String> chain = null;
        int hops = 0;
        for (ProcessCell p = this; p != null && hops < 10_000; p = p.waitingOn, hops++) {
            if (chain == null) {
                chain = new ArrayList<>();
                chain.add(caller.displayName());
            }
            chain.add(p.displayName());
            if (p == caller) {
                throw new CallCycleException(displayName(), GenServerException.typeOf(request), chain);
            }
        }
    }

    private void enqueueCall(CallEnvelope call) {
        if (closed) {
            throw new NoProcessException(displayName(), GenServerException.typeOf(call.message));
        }
        HandlerInterceptor hi = runtime.interceptor();
        if (hi != null) {
            call.token = hi.enqueued(this, HandlerInterceptor.Kind.CALL, call.message);
        }
        if (offerMessage(call)) {
            afterEnqueue();
        }
    }

    @Override
    public void cast(Object message) {
        enqueueUser(new Envelope.Cast(message));
    }

    @Override
    public void send(Object message) {
        enqueueUser(new Envelope.Info(message, false));
    }

    private void enqueueUser(Envelope e) {
        if (closed) {
            countDeadLetter();
            runtime.deadLetter(this, e.message, "no process");
            return;
        }
        HandlerInterceptor hi = runtime.interceptor();
        if (hi != null) {
            e.token = hi.enqueued(this, e instanceof Envelope.Cast ? HandlerInterceptor.Kind.CAST
                    : HandlerInterceptor.Kind.INFO, e.message);
        }
        if (offerMessage(e)) {
            afterEnqueue();
        }
    }

    /** Queues a runtime-generated info message (never refused by a bound). */
    void enqueueSignal(Object message) {
        Envelope e = new Envelope.Info(message, true);
        if (closed) {
            countDeadLetter();
            runtime.deadLetter(this, message, "no process");
            return;
        }
        offerMessage(e);
        afterEnqueue();
    }

    private void afterEnqueue() {
        if (closed) {
            // Closed while we were enqueueing: nobody else will look at the mailbox again.
            rejectQueued(ExitReason.NOPROC);
            return;
        }
        schedule();
    }

    private void sendSystem(SystemRequest request) {
        ConcurrentLinkedQueue<SystemRequest> queue = system;
        if (queue == null) {
            SYSTEM.compareAndSet(this, null, new ConcurrentLinkedQueue<SystemRequest>());
            queue = system;
        }
        queue.offer(request);
        schedule();
    }

    void schedule() {
        if (run == 0 && RUN.compareAndSet(this, 0, 1)) {
            runtime.launch(this);
        }
    }

    // ---- stop -------------------------------------------------------------------------------

    @Override
    public void stop() {
        stop(ExitReason.NORMAL, ServerRef.INFINITY);
    }

    @Override
    public void stop(ExitReason reason, Duration timeout) {
        Incarnation inc = current;
        if (inc == null || closed) {
            throw new NoProcessException(displayName(), "stop");
        }
        if (CURRENT.get() == this) {
            throw new IllegalStateException("server " + displayName()
                    + " cannot stop itself synchronously; return Result.stop(...) from the handler instead");
        }
        long deadline = System.nanoTime() + CallEnvelope.saturatedNanos(timeout);
        sendSystem(new SystemRequest.Stop(inc, reason, deadline));
        try {
            if (timeout.compareTo(ServerRef.INFINITY) >= 0) {
                inc.exitFuture().get();
            } else {
                inc.exitFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException late) {
            log.warn("server {} did not stop within {} ms; killing it", displayName(), timeout.toMillis());
            kill(inc, ExitReason.KILLED);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new GenServerException("interrupted while stopping " + displayName(), displayName(), null, interrupted);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public boolean isAlive() {
        return !closed;
    }

    @Override
    public CompletableFuture<ExitReason> onExit() {
        Incarnation inc = current;
        return inc == null ? CompletableFuture.completedFuture(ExitReason.NOPROC) : inc.exitFuture().copy();
    }

    // ---- inspection -------------------------------------------------------------------------

    @Override
    public ServerInfo info() {
        long startedMillis = startedAt;
        Instant started = startedMillis == 0 ? null : Instant.ofEpochMilli(startedMillis);
        Envelope flight = inFlight;
        long since = inFlightSince;
        Incarnation inc = current;
        return new ServerInfo(id, name, serverType, status, mailboxSize(), handled, deadLetters, skippedCalls,
                restarts, lastCrash, started,
                started == null ? Duration.ZERO : Duration.between(started, Instant.now()),
                flight == null ? null : GenServerException.typeOf(flight.message),
                flight == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since),
                inc != null && inc.hibernating);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> S getState() {
        return (S) inspect(new Inspection.GetState(new CompletableFuture<>()));
    }

    @Override
    public Optional<Object> getFormattedState() {
        @SuppressWarnings("unchecked")
        Optional<Object> shown = (Optional<Object>) inspect(new Inspection.FormatState(new CompletableFuture<>()));
        return shown;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> S replaceState(UnaryOperator<S> update) {
        return (S) inspect(new Inspection.ReplaceState((UnaryOperator<Object>) update, new CompletableFuture<>()));
    }

    @Override
    public void suspend() {
        inspect(new Inspection.Suspend(true, new CompletableFuture<>()));
    }

    @Override
    public void resume() {
        inspect(new Inspection.Suspend(false, new CompletableFuture<>()));
    }

    private Object inspect(Inspection request) {
        String what = request.getClass().getSimpleName();
        if (closed) {
            throw new NoProcessException(displayName(), what);
        }
        if (CURRENT.get() == this) {
            throw new CallingSelfException(displayName(), what);
        }
        offerMessage(new Envelope.Sys(request));
        afterEnqueue();
        Duration timeout = options.callTimeout();
        try {
            if (timeout.compareTo(ServerRef.INFINITY) >= 0) {
                return request.result().get();
            }
            return request.result().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new CallTimeoutException(displayName(), what, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallInterruptedException(displayName(), what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GenServerException g) {
                throw g;
            }
            throw new GenServerException(what + " on " + displayName() + " failed: " + e.getCause(), displayName(),
                    what, e.getCause());
        }
    }

    // ---- life cycle, driven by the runtime ----------------------------------------------------

    /** Creates and initialises a new incarnation; blocks up to the start timeout. */
    Incarnation.InitOutcome startIncarnation(boolean restart, Incarnation linkTo) {
        GenServer<?> instance;
        try {
            instance = factory.get();
        } catch (RuntimeException | Error e) {
            return new Incarnation.InitOutcome.Failed(ExitReason.crash(e));
        }
        if (instance == null) {
            return new Incarnation.InitOutcome.Failed(ExitReason.crash(new IllegalStateException(
                    "the factory of server " + displayName() + " returned null")));
        }
        if (restart && instance == lastInstance) {
            return new Incarnation.InitOutcome.Failed(ExitReason.crash(new IllegalStateException(
                    "the factory of server " + displayName() + " returned the crashed instance again; it must build a "
                            + "fresh one for every start (for a Spring bean: prototype scope)")));
        }
        lastInstance = instance;
        Incarnation inc = new Incarnation(this, instance, restart);
        serverType = instance.serverType();
        if (restart) {
            restarts++;
        }
        status = ServerStatus.STARTING;
        current = inc;
        if (linkTo != null) {
            linkTo.link(this);
        }
        INIT_PENDING.setVolatile(this, inc);
        schedule();
        Duration timeout = options.startTimeout();
        boolean forever = timeout.compareTo(ServerRef.INFINITY) >= 0;
        Incarnation.InitOutcome outcome;
        try {
            outcome = inc.awaitInit(forever ? -1 : CallEnvelope.saturatedNanos(timeout));
        } catch (InterruptedException interrupted) {
            kill(inc, ExitReason.KILLED);
            Thread.currentThread().interrupt();
            throw new StartFailedException(displayName(), ExitReason.KILLED);
        }
        if (outcome == null) {
            kill(inc, ExitReason.KILLED);
            throw new StartTimeoutException(displayName(), timeout);
        }
        return outcome;
    }

    /**
     * Exits {@code inc} from outside its thread: kill, or an exit signal it does not trap. No
     * terminate. The thread running a callback is interrupted and its result discarded.
     */
    void kill(Incarnation inc, ExitReason reason) {
        if (!inc.die(reason)) {
            return;
        }
        Thread t = runner;
        if (t != null && t != Thread.currentThread() && current == inc) {
            t.interrupt();
        }
        afterDeath(inc, reason, inFlight);
        schedule();
    }

    /** Delivers an exit signal to {@code target}, one of this cell's incarnations. */
    void deliverExitSignal(Incarnation target, ServerRef from, ExitReason reason) {
        if (target.isDead()) {
            return;
        }
        if (reason instanceof ExitReason.Kill) {
            kill(target, ExitReason.KILLED);
        } else if (target.trapExits) {
            enqueueSignal(new ExitSignal(from, reason));
        } else if (!(reason instanceof ExitReason.Normal)) {
            kill(target, reason);
        }
    }

    /** Starts a new incarnation on a cell that is waiting in RESTARTING. */
    Incarnation.InitOutcome restart() {
        if (closed || current != null) {
            throw new IllegalStateException("server " + displayName() + " is " + status
                    + "; only a server waiting in RESTARTING can be restarted");
        }
        return startIncarnation(true, null);
    }

    /** Ends a cell for good: frees the name and answers everything still queued. */
    void close(ExitReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        status = reason.isNormal() ? ServerStatus.STOPPED : ServerStatus.FAILED;
        runtime.unregister(this);
        rejectQueued(reason);
        schedule();
    }

    /** Discards a restartable cell whose owner will not restart it. */
    void discard(ExitReason reason) {
        if (current != null) {
            throw new IllegalStateException("server " + displayName() + " is still " + status
                    + "; stop it before discarding it");
        }
        close(reason);
    }

    /** Fails every queued call and dead-letters every queued message. Safe from any thread. */
    private void rejectQueued(ExitReason reason) {
        Envelope e;
        while ((e = pollMessage()) != null) {
            reject(e, reason);
        }
    }

    private void reject(Envelope e, ExitReason reason) {
        GenServerException error = reason instanceof ExitReason.NoProc
                ? new NoProcessException(displayName(), GenServerException.typeOf(e.message))
                : new ServerStoppedException(displayName(), GenServerException.typeOf(e.message), reason);
        reject(e, error, "server " + (reason instanceof ExitReason.NoProc ? "not alive" : "stopped: " + reason));
    }

    /** A message that will not be handled: a call is answered with {@code error}, anything else is a dead letter. */
    @Override
    void reject(Envelope e, GenServerException error, String why) {
        if (e instanceof CallEnvelope call) {
            call.failWith(error);
        } else if (e instanceof Envelope.Sys sys) {
            sys.request().result().completeExceptionally(error);
        } else {
            DEAD_LETTERS.getAndAdd(this, 1L);
            runtime.deadLetter(this, e.message, why);
        }
    }

    void countDeadLetter() {
        DEAD_LETTERS.getAndAdd(this, 1L);
    }

    // ---- the mailbox loop -------------------------------------------------------------------

    @Override
    public void run() {
        CURRENT.set(this);
        try {
            for (;;) {
                runner = Thread.currentThread();
                try {
                    loop();
                } catch (Throwable bug) {
                    log.error("internal error in the mailbox loop of {}", displayName(), bug);
                } finally {
                    runner = null;
                    Thread.interrupted();
                }
                RUN.setVolatile(this, 0);
                if (!hasWork() || !RUN.compareAndSet(this, 0, 1)) {
                    return;
                }
            }
        } finally {
            CURRENT.remove();
        }
    }

    private boolean hasWork() {
        if (initPending != null) {
            return true;
        }
        ConcurrentLinkedQueue<SystemRequest> queue = system;
        if (queue != null && !queue.isEmpty()) {
            return true;
        }
        if (stash != null && closed) {
            return true;
        }
        Incarnation inc = current;
        if (inc == null || inc.phase != Incarnation.LIVE) {
            return false;
        }
        if (suspended) {
            return hasMessage(m -> m instanceof Envelope.Sys);
        }
        return stash != null || !mailboxEmpty();
    }

    private void loop() {
        int budget = BATCH;
        sliceStart = System.nanoTime();
        for (;;) {
            if (initPending != null) {
                Incarnation starting = (Incarnation) INIT_PENDING.getAndSet(this, (Incarnation) null);
                if (starting != null) {
                    runInit(starting);
                    continue;
                }
            }
            ConcurrentLinkedQueue<SystemRequest> queue = system;
            SystemRequest request = queue == null ? null : queue.poll();
            if (request != null) {
                handleSystem(request);
                continue;
            }
            if (stash != null && closed) {
                reject(stash, ExitReason.NOPROC);
                stash = null;
            }
            Incarnation inc = current;
            if (inc == null || inc.phase != Incarnation.LIVE) {
                return;
            }
            if (suspended) {
                Envelope sys = removeFirstMessage(m -> m instanceof Envelope.Sys);
                if (sys == null) {
                    return;
                }
                runInspection(inc, ((Envelope.Sys) sys).request());
                continue;
            }
            Envelope e = stash;
            if (e != null) {
                stash = null;
            } else {
                e = pollMessage();
                if (e == null && lingerAfterMessage && inc.pendingTimeout == null && !inc.hibernating
                        && mayLinger()) {
                    e = linger();
                }
                if (e == null) {
                    armTimeout(inc);
                    return;
                }
            }
            if (e instanceof Envelope.Sys sys) {
                runInspection(inc, sys.request());
                continue;
            }
            publishInFlight(e);
            if (inc.isDead() || current != inc) {
                // Killed between our check and here: the message was not handled; it belongs to
                // the next instance, or is answered now if there will be none.
                IN_FLIGHT.setRelease(this, (Envelope) null);
                holdBack(e);
                return;
            }
            handleUser(inc, e);
            IN_FLIGHT.setRelease(this, (Envelope) null);
            lingerAfterMessage = true;
            if (--budget == 0) {
                budget = BATCH;
                long now = System.nanoTime();
                if (now - sliceStart >= SLICE_NANOS) {
                    // Thread.yield() would not let virtual threads submitted from platform threads
                    // (timers, HTTP callers) run on a busy scheduler; a brief timed park does. It
                    // costs tens of microseconds, so a busy server pays it once per time slice,
                    // not once per batch.
                    LockSupport.parkNanos(1_000);
                    sliceStart = System.nanoTime();
                }
            }
        }
    }

    /**
     * After answering a call, a caller in a request/reply loop usually sends the next one within
     * a microsecond or two, and a sender streaming casts sends the next within nanoseconds: keep
     * the carrier thread that long instead of paying a thread start and wake-up for the next
     * message (paid by the sender). Bounded, and only right after a message, so idle servers
     * still hold nothing.
     */
    private Envelope linger() {
        lingerAfterMessage = false;
        for (int i = 0; i < LINGER_SPINS; i++) {
            Thread.onSpinWait();
            ConcurrentLinkedQueue<SystemRequest> queue = system;
            if (initPending != null || queue != null && !queue.isEmpty()) {
                return null;
            }
            Envelope e = pollMessage();
            if (e != null) {
                lingerCredit = (byte) Math.min(LINGER_CREDIT_MAX, lingerCredit + 2);
                return e;
            }
        }
        lingerCredit--;
        return null;
    }

    /**
     * Lingering pays only for a caller in a tight request/reply loop. Each miss costs a credit;
     * with none left the server lingers again only once in a while, to notice such a caller.
     */
    private boolean mayLinger() {
        if (lingerCredit > 0) {
            return true;
        }
        if (++lingerProbe >= LINGER_PROBE_EVERY) {
            lingerProbe = 0;
            return true;
        }
        return false;
    }

    /** Keeps an unhandled message for the next instance, or rejects it when the server is closed. */
    private void holdBack(Envelope e) {
        if (closed) {
            reject(e, ExitReason.NOPROC);
        } else {
            stash = e;
        }
    }

    /**
     * Publishes the message about to be handled, for inspection and for a killer to answer. Release
     * stores, not fenced ones (this runs for every message): a killer that marks the instance dead
     * just after the loop's check may miss it for a few nanoseconds; the call is then answered when
     * its (interrupted) handler returns, not at once.
     */
    private void publishInFlight(Envelope e) {
        IN_FLIGHT_SINCE.setRelease(this, System.nanoTime());
        IN_FLIGHT.setRelease(this, e);
    }

    /** Handles one user message; the caller publishes it as {@link #inFlight} and clears it after. */
    private void handleUser(Incarnation inc, Envelope e) {
        if (e instanceof Envelope.Info info && info.timeoutGeneration >= 0
                && info.timeoutGeneration != inc.timeoutGeneration) {
            return; // a stale inactivity timeout: a message came in between
        }
        clearTimeout(inc);
        if (inc.hibernating) {
            inc.hibernating = false;
        }
        CallEnvelope call = e instanceof CallEnvelope c ? c : null;
        if (call != null && !call.isPending()) {
            SKIPPED.getAndAdd(this, 1L);
            HandlerInterceptor hi = runtime.interceptor();
            if (hi != null) {
                hi.callSkipped(this, call.message, call.token);
            }
            return;
        }
        Result<Object> result;
        HandlerInterceptor hi = runtime.interceptor();
        HandlerInterceptor.Scope scope = hi == null ? HandlerInterceptor.Scope.NOOP
                : hi.beforeHandle(this, kindOf(e), e.message, e.token);
        try {
            result = switch (e) {
                case CallEnvelope c -> inc.server.handleCall(c.message, c, inc.state);
                case Envelope.Cast c -> inc.server.handleCast(c.message, inc.state);
                case Envelope.Info i -> inc.server.handleInfo(i.message, inc.state);
                case Envelope.Sys s -> throw new IllegalStateException("system message reached a handler");
                case Envelope.Stub s -> throw new IllegalStateException("the mailbox's stub reached a handler");
            };
            if (result == null) {
                throw new IllegalStateException(serverType + " returned null from its " + e.kind() + " handler for "
                        + GenServerException.typeOf(e.message) + "; return a Result");
            }
        } catch (Throwable t) {
            scope.end(t);
            HANDLED.setRelease(this, handled + 1);
            if (!inc.isDead()) {
                crash(inc, t, e);
            } else {
                answerKilled(inc, call);
            }
            return;
        }
        scope.end(null);
        HANDLED.setRelease(this, handled + 1);
        if (inc.isDead()) {
            answerKilled(inc, call);
            return; // killed while handling: the result is discarded
        }
        apply(inc, e, result);
        Thread.interrupted();
    }

    private static HandlerInterceptor.Kind kindOf(Envelope e) {
        return switch (e) {
            case CallEnvelope c -> HandlerInterceptor.Kind.CALL;
            case Envelope.Cast c -> HandlerInterceptor.Kind.CAST;
            default -> HandlerInterceptor.Kind.INFO;
        };
    }

    /** Runs a callback that is not a message (init, continue, terminate) inside the interceptor's scope. */
    private <T> T intercepted(HandlerInterceptor.Kind kind, Object argument, java.util.concurrent.Callable<T> callback)
            throws Exception {
        HandlerInterceptor hi = runtime.interceptor();
        if (hi == null) {
            return callback.call();
        }
        HandlerInterceptor.Scope scope = hi.beforeHandle(this, kind, argument, null);
        T value;
        try {
            value = callback.call();
        } catch (Throwable t) {
            scope.end(t);
            throw t;
        }
        scope.end(null);
        return value;
    }

    /** A call whose handler ran while the server was killed: its caller still gets an answer. */
    private void answerKilled(Incarnation inc, CallEnvelope call) {
        if (call != null && call.isPending()) {
            call.failWith(new ServerStoppedException(displayName(), GenServerException.typeOf(call.message),
                    inc.deathReason));
        }
    }

    /** Acts on a callback's result, then runs any continue chain. */
    private void apply(Incarnation inc, Envelope e, Result<Object> result) {
        for (;;) {
            CallEnvelope call = e instanceof CallEnvelope c ? c : null;
            switch (result) {
                case Result.Reply<Object> reply -> {
                    if (call == null) {
                        inc.state = reply.state();
                        crash(inc, new IllegalStateException(serverType + " returned Result.reply from "
                                + (e == null ? "handleContinue" : "its " + e.kind() + " handler for "
                                + GenServerException.typeOf(e.message)) + "; only a call can be answered"), e);
                        return;
                    }
                    inc.state = reply.state();
                    call.reply(reply.value());
                }
                case Result.NoReply<Object> noReply -> {
                    inc.state = noReply.state();
                    if (call != null && call.isPending()) {
                        inc.holdDeferred(call);
                    }
                }
                case Result.Unhandled<Object> unhandled -> {
                    inc.state = unhandled.state();
                    unhandled(e, call);
                }
                case Result.Stop<Object> stop -> {
                    inc.state = stop.state();
                    terminate(inc, stop.reason());
                    if (call != null && stop.withReply()) {
                        call.reply(stop.reply());
                    }
                    exit(inc, stop.reason(), e);
                    return;
                }
            }
            switch (result.next()) {
                case Next.None none -> {
                    return;
                }
                case Next.Timeout t -> {
                    inc.pendingTimeout = t.after();
                    return;
                }
                case Next.Hibernate h -> {
                    inc.hibernating = true;
                    return;
                }
                case Next.Continue c -> {
                    e = null;
                    try {
                        Object state = inc.state;
                        result = intercepted(HandlerInterceptor.Kind.CONTINUE, c.argument(),
                                () -> inc.server.handleContinue(c.argument(), state));
                        if (result == null) {
                            throw new IllegalStateException(serverType + " returned null from handleContinue");
                        }
                    } catch (Throwable t) {
                        if (!inc.isDead()) {
                            crash(inc, t, null);
                        }
                        return;
                    }
                    if (inc.isDead()) {
                        return;
                    }
                }
            }
        }
    }

    private void unhandled(Envelope e, CallEnvelope call) {
        if (e == null) {
            return;
        }
        if (call != null) {
            call.failWith(new NoHandlerException(displayName(), serverType, GenServerException.typeOf(e.message)));
        } else if (e instanceof Envelope.Cast) {
            DEAD_LETTERS.getAndAdd(this, 1L);
            runtime.deadLetter(this, e.message, "no cast handler in " + serverType);
        } else {
            log.debug("server {} has no info handler for {}; dropped", displayName(),
                    GenServerException.typeOf(e.message));
        }
    }

    private void crash(Incarnation inc, Throwable t, Envelope e) {
        if (e instanceof CallEnvelope call) {
            call.failWith(new CallFailedException(displayName(), GenServerException.typeOf(call.message), t));
        }
        ExitReason reason = ExitReason.crash(t);
        terminate(inc, reason);
        exit(inc, reason, e);
    }

    private void terminate(Incarnation inc, ExitReason reason) {
        try {
            Object state = inc.state;
            intercepted(HandlerInterceptor.Kind.TERMINATE, reason, () -> {
                inc.server.terminate(reason, state);
                return null;
            });
        } catch (Throwable t) {
            log.error("terminate of server {} threw while stopping with {}; the stop goes on", displayName(), reason, t);
        }
    }

    /** Ends {@code inc} on its own thread, after terminate. */
    private void exit(Incarnation inc, ExitReason reason, Envelope last) {
        if (inc.die(reason)) {
            afterDeath(inc, reason, last);
        }
    }

    /** Everything that follows a death, whoever caused it. Runs once per incarnation. */
    private void afterDeath(Incarnation inc, ExitReason reason, Envelope last) {
        if (last instanceof CallEnvelope call && call.isPending()) {
            call.failWith(new ServerStoppedException(displayName(), GenServerException.typeOf(call.message), reason));
        }
        cancelTimeout(inc);
        if (inc.phase != Incarnation.DEAD) {
            throw new IllegalStateException("afterDeath on a live incarnation");
        }
        boolean wasLive = inc.initDecided();
        if (!wasLive) {
            inc.decideInit(new Incarnation.InitOutcome.Failed(reason));
        }
        if (!reason.isNormal()) {
            lastCrash = CrashReport.of(reason, last == null ? null : last.message);
            if (wasLive) {
                log.error("server {} ({}) exited: {}; last message {}; state {}", displayName(), serverType, reason,
                        last == null ? "none" : GenServerException.typeOf(last.message), redacted(inc),
                        reason instanceof ExitReason.Crash c ? c.cause() : null);
            }
        }
        startedAt = 0;
        current = null;
        if (options.restartable() && !runtime.isClosing() && (wasLive || inc.restart)) {
            // Drop first: whoever sees RESTARTING may rely on the pending callers being answered.
            if (!reason.isNormal() && options.mailboxOnCrash() == MailboxOnCrash.DROP) {
                rejectQueued(reason);
            }
            status = ServerStatus.RESTARTING;
        } else {
            close(reason);
        }
        inc.signalExit(reason);
        runtime.exited(this, reason);
    }

    private Object redacted(Incarnation inc) {
        try {
            return inc.server.formatStatus(inc.state);
        } catch (Throwable t) {
            return "<redaction failed: " + t.getClass().getName() + ">";
        }
    }

    // ---- inactivity timeout ------------------------------------------------------------------

    private void armTimeout(Incarnation inc) {
        Duration after = inc.pendingTimeout;
        if (after == null || inc.timeoutTimer != null) {
            return;
        }
        inc.pendingTimeout = null;
        long generation = inc.timeoutGeneration;
        if (after.isZero()) {
            offerMessage(new Envelope.Info(InactivityTimeout.INSTANCE, true, generation));
            schedule();
            return;
        }
        inc.timeoutTimer = runtime.schedule(() -> {
            offerMessage(new Envelope.Info(InactivityTimeout.INSTANCE, true, generation));
            afterEnqueue();
        }, after);
    }

    private void clearTimeout(Incarnation inc) {
        inc.timeoutGeneration++;
        inc.pendingTimeout = null;
        cancelTimeout(inc);
    }

    private static void cancelTimeout(Incarnation inc) {
        if (inc.timeoutTimer != null) {
            inc.timeoutTimer.cancel(false);
            inc.timeoutTimer = null;
        }
    }

    // ---- system requests --------------------------------------------------------------------

    private void handleSystem(SystemRequest request) {
        switch (request) {
            case SystemRequest.Stop stop -> runStop(stop);
        }
    }

    private void runInit(Incarnation inc) {
        if (inc.isDead() || current != inc) {
            return;
        }
        inFlightSince = System.nanoTime();
        Init<Object> outcome;
        try {
            outcome = intercepted(HandlerInterceptor.Kind.INIT, null, () -> inc.server.init(inc));
            if (outcome == null) {
                throw new IllegalStateException(serverType + ".init returned null; return Init.ok(state)");
            }
        } catch (Throwable t) {
            initEnded(inc, new Incarnation.InitOutcome.Failed(ExitReason.crash(t)), ExitReason.crash(t));
            return;
        }
        if (inc.isDead()) {
            return;
        }
        switch (outcome) {
            case Init.Ok<Object> ok -> {
                inc.state = ok.state();
                suspended = false;
                if (!inc.goLive(() -> {
                    startedAt = System.currentTimeMillis();
                    status = ServerStatus.RUNNING;
                })) {
                    return; // killed during init: its killer answered the starter
                }
                inc.decideInit(Incarnation.InitOutcome.STARTED);
                runtime.started(this, inc.restart);
                if (!(ok.next() instanceof Next.None)) {
                    apply(inc, null, Result.noReply(ok.state()).with(ok.next()));
                }
            }
            case Init.Ignore<Object> ignore ->
                    initEnded(inc, new Incarnation.InitOutcome.Ignored(), ExitReason.NORMAL);
            case Init.Stop<Object> stop ->
                    initEnded(inc, new Incarnation.InitOutcome.Failed(stop.reason()), stop.reason());
        }
    }

    /** init said ignore, stop or threw: no terminate; a first start frees the name at once. */
    private void initEnded(Incarnation inc, Incarnation.InitOutcome outcome, ExitReason reason) {
        if (!inc.die(reason)) {
            return;
        }
        current = null;
        if (!reason.isNormal()) {
            lastCrash = CrashReport.of(reason, null);
        }
        if (inc.restart) {
            status = ServerStatus.RESTARTING;
        } else {
            close(reason);
        }
        inc.signalExit(reason);
        inc.decideInit(outcome);
    }

    private void runStop(SystemRequest.Stop stop) {
        Incarnation inc = stop.incarnation();
        if (inc != current || inc.phase != Incarnation.LIVE) {
            return;
        }
        if (options.drainOnStop()) {
            Envelope e;
            while (!inc.isDead() && System.nanoTime() - stop.deadline() < 0 && (e = nextForDrain()) != null) {
                if (e instanceof Envelope.Sys sys) {
                    runInspection(inc, sys.request());
                } else {
                    publishInFlight(e);
                    handleUser(inc, e);
                    IN_FLIGHT.setRelease(this, (Envelope) null);
                }
            }
            if (inc.isDead()) {
                return;
            }
        }
        terminate(inc, stop.reason());
        exit(inc, stop.reason(), null);
    }

    private Envelope nextForDrain() {
        Envelope e = stash;
        if (e != null) {
            stash = null;
            return e;
        }
        return pollMessage();
    }

    private void runInspection(Incarnation inc, Inspection request) {
        CompletableFuture<Object> result = request.result();
        switch (request) {
            case Inspection.GetState g -> result.complete(inc.state);
            case Inspection.FormatState f -> {
                Object shown;
                try {
                    shown = inc.server.formatStatus(inc.state);
                } catch (Throwable t) {
                    log.warn("redaction hook of server {} threw {}; showing nothing", displayName(), t.toString());
                    result.complete(Optional.empty());
                    return;
                }
                result.complete(Optional.ofNullable(shown));
            }
            case Inspection.ReplaceState r -> {
                Object next;
                try {
                    next = r.update().apply(inc.state);
                } catch (Throwable t) {
                    result.completeExceptionally(new GenServerException("replaceState on " + displayName()
                            + " threw " + t + "; the state is unchanged", displayName(), null, t));
                    return;
                }
                inc.state = next;
                result.complete(next);
            }
            case Inspection.Suspend s -> {
                suspended = s.suspend();
                status = suspended ? ServerStatus.SUSPENDED : ServerStatus.RUNNING;
                result.complete(null);
            }
        }
    }

    /** Inspection requests: queued in mailbox order as {@link Envelope.Sys}. */
    sealed interface Inspection {
        CompletableFuture<Object> result();

        record GetState(CompletableFuture<Object> result) implements Inspection {
        }

        record FormatState(CompletableFuture<Object> result) implements Inspection {
        }

        record ReplaceState(UnaryOperator<Object> update, CompletableFuture<Object> result) implements Inspection {
        }

        record Suspend(boolean suspend, CompletableFuture<Object> result) implements Inspection {
        }
    }

    /** Requests handled by the loop before any message (after a pending init): stop. */
    sealed interface SystemRequest {

        record Stop(Incarnation incarnation, ExitReason reason, long deadline) implements SystemRequest {
        }

    }
}
