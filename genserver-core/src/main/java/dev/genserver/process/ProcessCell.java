package dev.genserver.process;

import dev.genserver.process.SystemRequests.Inspection;
import dev.genserver.process.SystemRequests.SystemRequest;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server as its clients see it: the name, the mailbox and the counters, which outlive any one
 * {@link Incarnation}. Also the scheduler of its own mailbox loop: when a message arrives and no
 * loop is running, one starts on a fresh virtual thread; when nothing is left to do, the loop ends
 * and the idle server holds no thread at all.
 *
 * <h2>Implementation notes</h2>
 *
 * <h3>Threads</h3>
 * <ul>
 *   <li><b>Senders</b>: any thread that calls, casts, sends, stops or inspects. A sender appends
 *       to the mailbox ({@link Mailbox}) or to the system queue, then {@link #schedule()}s.</li>
 *   <li><b>The runner</b>: the one virtual thread holding the run token. It runs init, system
 *       requests, inspection requests, messages and every callback of the server (also
 *       {@link Outcomes} and {@link SystemRequests}, which are this loop moved out of the file).
 *       There is at most one runner at a time, so a server's callbacks never overlap.</li>
 *   <li><b>A killer</b>: any thread that ends an incarnation from outside (kill, an exit signal it
 *       does not trap, a stop or start that timed out). It wins {@link Incarnation#die} (a lock on
 *       the incarnation, so exactly one thread ends it), interrupts the runner, runs
 *       {@link Outcomes#afterDeath} on its own thread and reschedules the loop. The runner notices
 *       the death after its callback returns and discards the result.</li>
 *   <li><b>Inspectors</b>: {@link #info()} reads the volatile fields below without a message; the
 *       {@code :sys} operations are queued as {@link Envelope.Sys} and run by the runner.</li>
 *   <li><b>The owner</b> (the supervisor, or the thread that started the server): starts an
 *       incarnation and waits for its init ({@link #startIncarnation}), restarts, discards or closes
 *       the cell. Starts of one cell are serialised by its owner.</li>
 * </ul>
 *
 * <h3>The run token</h3>
 * {@code run} is 1 while a loop runs or is about to. {@link #schedule()} takes it with
 * {@link #casRunToken()} and launches a runner; only the runner gives it back
 * ({@link #releaseRunToken()}), when {@code loop()} found nothing to do. Giving it back, the runner
 * looks for work once more ({@link #hasWork()}) and takes the token again if there is some: a
 * sender writes the queue then reads {@code run}, the runner writes {@code run} then reads the
 * queue, all of them volatile (sequentially consistent) accesses, so at least one of the two sees
 * the other and no message is left behind with no runner.
 *
 * <p>Before giving the token back, a runner whose server was recently busy may park for a grace
 * period ({@link #awaitGrace()}): it sets {@code run} to {@link #GRACE} and parks. A sender that
 * finds {@code run == GRACE} takes it back to 1 with a CAS and unparks the runner (the exchange the
 * CAS wins is the hand-off: exactly one of sender and runner moves the token out of GRACE); a message
 * within the grace period costs an unpark instead of a new thread. The same write-then-read
 * argument as above covers the runner's write of GRACE and its look at the queue.
 *
 * <h3>Phases</h3>
 * An incarnation is {@link Incarnation#STARTING} until init returns ok, then
 * {@link Incarnation#LIVE} ({@link Incarnation#goLive}, by the runner), then
 * {@link Incarnation#DEAD} ({@link Incarnation#die}, once, by the runner or a killer). {@code current}
 * is the starting or live incarnation, absent while the cell waits in {@link ServerStatus#RESTARTING}
 * and after its end. {@code closed} is the end of the cell itself: set once by {@link #close},
 * never cleared; the name is free and whatever is queued afterwards is answered at once.
 *
 * <h3>Memory ordering</h3>
 * <ul>
 *   <li>Volatile, for the fields that take part in hand-offs between threads: {@code run},
 *       {@code current}, {@code closed}, {@code status}, {@code initPending}, {@code system},
 *       {@code waitingOn}, {@code runner}.</li>
 *   <li>Declared volatile, written by the runner with release stores (no full fence per
 *       message), read by inspectors with volatile reads (so they see each value whole, perhaps a
 *       moment late): {@code handled}, {@code inFlight}, {@code inFlightSince}
 *       ({@link #publishInFlight}, {@link #clearInFlightRelease}, {@link #incrementHandledRelease}).</li>
 *   <li>Volatile, written by one thread at a time and read by inspectors: {@code restarts}
 *       (by the thread that restarts the cell, its supervisor), {@code lastCrash} and
 *       {@code startedAt} (by the thread that ends or starts an incarnation: the runner, or a
 *       killer).</li>
 *   <li>Atomic adds, because any thread may count one: {@code deadLetters}
 *       ({@link #addDeadLetter}), {@code skippedCalls} ({@link #addSkippedCall}).</li>
 *   <li>Runner-only, plain ({@link RunnerOnly}): the loop's own bookkeeping here and an
 *       incarnation's state and timeout fields. The run token's volatile hand-off orders them from
 *       one runner to the next.</li>
 * </ul>
 * Every VarHandle operation goes through a named accessor in the "ordered accessors" section.
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
    /** How far cycle detection follows the waiting-on edges (a bound against a racing, changing chain). */
    private static final int MAX_CYCLE_HOPS = 10_000;
    /** {@code run} while the runner waits out its grace period: the token is held, but by a parked thread. */
    private static final int GRACE = 2;
    /**
     * How long a runner whose server has just handled messages stays parked for the next one before
     * giving up its thread (contract §0.3), at least: the period ends at the first tick of
     * {@link GraceTicker} after it, so it lasts up to one tick more. A message within it costs an
     * unpark instead of a thread start; a server idle longer holds no thread.
     */
    static final long GRACE_NANOS = 2_000_000L;
    private static final int GRACE_CREDIT_MAX = 8;
    private static final int GRACE_PROBE_EVERY = 15;

    private static final VarHandle RUN;
    private static final VarHandle DEAD_LETTERS;
    private static final VarHandle SKIPPED;
    private static final VarHandle SYSTEM;
    private static final VarHandle INIT_PENDING;
    private static final VarHandle HANDLED;
    private static final VarHandle IN_FLIGHT;
    private static final VarHandle IN_FLIGHT_SINCE;
    private static final VarHandle CLOSED;

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
            CLOSED = l.findVarHandle(ProcessCell.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ProcessRuntime runtime;
    final long id;
    private final @Nullable String name;
    final StartOptions options;
    final Supplier<? extends GenServer<?>> factory;
    /** Created on first use: an idle server that is never stopped does not pay for it. */
    private volatile @Nullable ConcurrentLinkedQueue<SystemRequest> system;
    /**
     * The incarnation whose init the loop must run before anything else. A field rather than a
     * system request: every start needs one, and a queue kept for it would cost each idle server
     * its nodes for ever.
     */
    private volatile @Nullable Incarnation initPending;

    /** 1 while a mailbox loop runs or is about to: the run token. */
    private volatile int run;
    /** The live or starting incarnation; absent while restarting or after the end. */
    volatile @Nullable Incarnation current;
    volatile ServerStatus status = ServerStatus.STARTING;
    private volatile boolean closed;
    volatile @Nullable String serverType;
    /** The server this cell's loop is blocked calling, for cycle detection. */
    volatile @Nullable ProcessCell waitingOn;
    private volatile @Nullable Thread runner;

    /** Links of the runtime's list of live servers ({@link LiveCells}), guarded by that list. */
    @Nullable ProcessCell previousLive;
    @Nullable ProcessCell nextLive;
    boolean listed;

    /** The instance of the latest incarnation: a restart must never reuse it. Owner-only. */
    private @Nullable GenServer<?> lastInstance;

    @RunnerOnly private long sliceStart;
    @RunnerOnly private boolean lingerAfterMessage;
    @RunnerOnly private byte lingerCredit = LINGER_CREDIT_MAX / 2;
    @RunnerOnly private byte lingerProbe;
    /**
     * Grace periods that ended with a message earn credit, those that ran out cost some (see
     * {@link #mayGrace}): the credit in the low four bits, the probe count in the high four. One
     * byte, so that an idle server's cell does not grow (W6).
     */
    @RunnerOnly private byte grace;
    /** Set by a suspend request; the loop then handles inspection only. */
    @RunnerOnly boolean suspended;
    /** A message taken out of the mailbox but not handled (its incarnation died): the next one gets it. */
    @RunnerOnly @Nullable Envelope stash;

    // Statistics: see "Memory ordering" above.
    private volatile long handled;
    private volatile long deadLetters;
    private volatile long skippedCalls;
    private volatile long restarts;
    volatile @Nullable CrashReport lastCrash;
    private volatile @Nullable Envelope inFlight;
    private volatile long inFlightSince;
    /** Epoch millis when the current instance started; 0 when none runs. */
    volatile long startedAt;

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
            boolean woke;
            try {
                woke = enqueueCall(call);
            } catch (GenServerException e) {
                throw e.forCall(timeout);
            }
            return (R) call.await(timeout, woke);
        }
        // Publish what we wait on before looking for a cycle: of two servers calling each other at
        // the same moment, at least one sees the other's edge.
        caller.waitingOn = this;
        try {
            checkCaller(caller, request);
            boolean woke = enqueueCall(call);
            return (R) call.await(timeout, woke);
        } catch (CallCycleException | NoProcessException | MailboxFullException e) {
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

    /**
     * Refuses a call that would close a cycle of blocking calls: the servers this one is waiting on,
     * transitively, include the caller. Walks the {@link #waitingOn} edges without allocating; the
     * chain is built only for the exception.
     */
    private void checkCaller(ProcessCell caller, Object request) {
        if (caller == this) {
            throw new CallingSelfException(displayName(), GenServerException.typeOf(request));
        }
        int hops = 0;
        for (ProcessCell p = waitingOn; p != null && hops < MAX_CYCLE_HOPS; p = p.waitingOn, hops++) {
            if (p == caller) {
                throw new CallCycleException(displayName(), GenServerException.typeOf(request), cycleTo(caller));
            }
        }
    }

    /** This server, the servers it waits on up to {@code caller}, and this server again. */
    private List<String> cycleTo(ProcessCell caller) {
        List<String> chain = new ArrayList<>();
        chain.add(displayName());
        int hops = 0;
        for (ProcessCell p = waitingOn; p != null && hops < MAX_CYCLE_HOPS; p = p.waitingOn, hops++) {
            chain.add(p.displayName());
            if (p == caller) {
                break;
            }
        }
        chain.add(displayName());
        return chain;
    }

    /** Queues a call; true if that woke the server (see {@link #schedule()}). */
    private boolean enqueueCall(CallEnvelope call) {
        if (closed) {
            throw new NoProcessException(displayName(), GenServerException.typeOf(call.message));
        }
        HandlerInterceptor hi = runtime.interceptor();
        if (hi != null) {
            call.token = hi.enqueued(this, HandlerInterceptor.Kind.CALL, call.message);
        }
        return offerMessage(call) && afterEnqueue();
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
            addDeadLetter();
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
            addDeadLetter();
            runtime.deadLetter(this, message, "no process");
            return;
        }
        offerMessage(e);
        afterEnqueue();
    }

    /** Schedules the loop after a message was queued; true if that woke the server. */
    private boolean afterEnqueue() {
        if (closed) {
            // Closed while we were enqueueing: nobody else will look at the mailbox again.
            rejectQueued(ExitReason.NOPROC);
            return false;
        }
        return schedule();
    }

    private void sendSystem(SystemRequest request) {
        systemQueue().offer(request);
        schedule();
    }

    /**
     * Launches a runner unless one runs or is about to, or wakes the runner that waits out its grace
     * period. Safe from any thread.
     *
     * @return true if it launched or woke one: the server was idle
     */
    boolean schedule() {
        int r = run;
        if (r == 0) {
            if (RUN.compareAndSet(this, 0, 1)) {
                runtime.launch(this);
                return true;
            }
            r = run;
        }
        if (r == GRACE && RUN.compareAndSet(this, GRACE, 1)) {
            // Read after the CAS: the runner in grace stays the runner until it sees the token taken.
            LockSupport.unpark(runner);
            return true;
        }
        return false;
    }

    // ---- stop -------------------------------------------------------------------------------

    @Override
    public void stop() {
        stop(ExitReason.NORMAL, ServerRef.INFINITY);
    }

    @Override
    public void stop(ExitReason reason, Duration timeout) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("stop timeout of server " + displayName() + " must not be negative: "
                    + timeout + "; pass zero or more, or ServerRef.INFINITY to wait as long as it takes");
        }
        Incarnation inc = current;
        if (inc == null || closed) {
            throw new NoProcessException(displayName(), "stop");
        }
        if (CURRENT.get() == this) {
            throw new IllegalStateException("server " + displayName() + " cannot stop itself from its own handler"
                    + " (it would wait for its own exit); return Result.stop(reason, state) from the handler instead");
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
    public ProcessRelations relations() {
        Incarnation inc = current;
        return inc == null || inc.isDead() ? ProcessRelations.NONE : inc.relations();
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
        setInitPending(inc);
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
        Outcomes.afterDeath(this, inc, reason, inFlight);
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

    /**
     * Ends a cell for good: frees the name, answers everything still queued and tells the
     * listeners it is {@linkplain ProcessListener#closed closed}. Once; later calls do nothing.
     */
    void close(ExitReason reason) {
        if (closeQuietly(reason)) {
            runtime.closed(this, reason);
        }
    }

    /**
     * {@link #close} without the listeners' event, for a caller that reports the exit first and
     * then the close; returns whether this call closed the cell (only one call does).
     */
    boolean closeQuietly(ExitReason reason) {
        if (!casClosed()) {
            return false;
        }
        status = reason.isNormal() ? ServerStatus.STOPPED : ServerStatus.FAILED;
        runtime.unregister(this);
        rejectQueued(reason);
        schedule();
        return true;
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
    void rejectQueued(ExitReason reason) {
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

    /**
     * A message that will not be handled: a call is answered with {@code error}, anything else is
     * a dead letter; the interceptor hears it was {@linkplain HandlerInterceptor#dropped dropped}.
     */
    @Override
    void reject(Envelope e, GenServerException error, String why) {
        refused(e, why);
        if (e instanceof CallEnvelope call) {
            call.failWith(error);
        } else if (e instanceof Envelope.Sys sys) {
            sys.request().result().completeExceptionally(error);
        } else {
            addDeadLetter();
            runtime.deadLetter(this, e.message, why);
        }
    }

    /** Tells the interceptor that a message it gave a token will not be handled; a no-op for others. */
    @Override
    void refused(Envelope e, String why) {
        Object token = e.interceptorToken();
        if (token != null) {
            HandlerInterceptor hi = runtime.interceptor();
            if (hi != null) {
                hi.dropped(this, kindOf(e), e.message, token, why);
            }
        }
    }

    // ---- ordered accessors: every VarHandle operation of this class --------------------------

    /** Marks the cell closed, once (a CAS, so that two racing closes close it once). */
    private boolean casClosed() {
        return !closed && CLOSED.compareAndSet(this, false, true);
    }

    /** Takes the run token if nobody holds it (a plain read first, so a busy server costs no CAS). */
    private boolean casRunToken() {
        return run == 0 && RUN.compareAndSet(this, 0, 1);
    }

    /** Gives the run token back (volatile store); only the runner does, then looks for work once more. */
    private void releaseRunToken() {
        RUN.setVolatile(this, 0);
    }

    /** Hands an incarnation's init to the loop (volatile store, before {@link #schedule()}). */
    private void setInitPending(Incarnation inc) {
        INIT_PENDING.setVolatile(this, inc);
    }

    /** Takes the pending init, once (atomic exchange). */
    private @Nullable Incarnation takeInitPending() {
        return (Incarnation) INIT_PENDING.getAndSet(this, (Incarnation) null);
    }

    /** The system queue, created by the first stop (a CAS, so two racing stops share one queue). */
    private ConcurrentLinkedQueue<SystemRequest> systemQueue() {
        ConcurrentLinkedQueue<SystemRequest> queue = system;
        if (queue == null) {
            SYSTEM.compareAndSet(this, null, new ConcurrentLinkedQueue<SystemRequest>());
            queue = system;
        }
        return queue;
    }

    /** Counts a dead letter (atomic add: any thread may). */
    void addDeadLetter() {
        DEAD_LETTERS.getAndAdd(this, 1L);
    }

    /** Counts a call skipped because its caller gave up (atomic add). */
    private void addSkippedCall() {
        SKIPPED.getAndAdd(this, 1L);
    }

    /** Counts a handled message: runner-only, so a release store of the incremented value. */
    private void incrementHandledRelease() {
        HANDLED.setRelease(this, handled + 1);
    }

    /**
     * Publishes the message about to be handled, for inspection and for a killer to answer. Release
     * stores, not fenced ones (this runs for every message): a killer that marks the instance dead
     * just after the loop's check may miss it for a few nanoseconds; the call is then answered when
     * its (interrupted) handler returns, not at once.
     */
    void publishInFlight(Envelope e) {
        IN_FLIGHT_SINCE.setRelease(this, System.nanoTime());
        IN_FLIGHT.setRelease(this, e);
    }

    /** Clears the in-flight message after its handler returned (release store). */
    void clearInFlightRelease() {
        IN_FLIGHT.setRelease(this, (Envelope) null);
    }

    /** Marks when init began, for inspection (release store, as for a message). */
    void setInFlightSince(long nanoTime) {
        IN_FLIGHT_SINCE.setRelease(this, nanoTime);
    }

    // ---- the mailbox loop -------------------------------------------------------------------

    @Override
    public void run() {
        CURRENT.set(this);
        try {
            for (;;) {
                runner = Thread.currentThread();
                long handledBefore = handled;
                try {
                    loop();
                } catch (Throwable bug) {
                    log.error("internal error in the mailbox loop of {}", displayName(), bug);
                } finally {
                    Thread.interrupted();
                }
                if (handled != handledBefore && mayGrace() && awaitGrace()) {
                    continue;
                }
                runner = null;
                releaseRunToken();
                if (!hasWork() || !casRunToken()) {
                    return;
                }
            }
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * Whether the runner, having just handled messages and found no more, should wait out a grace
     * period: only for a server that is open, live or restarting, and whose recent grace periods
     * paid (a server messaged more rarely than the grace period stops trying, except once in a while).
     */
    private boolean mayGrace() {
        if (closed || suspended) {
            return false;
        }
        Incarnation inc = current;
        if (inc != null && (inc.phase != Incarnation.LIVE || inc.hibernating)) {
            return false;
        }
        int credit = grace & 0x0f;
        if (credit > 0) {
            return true;
        }
        int probe = (grace >>> 4 & 0x0f) + 1;
        if (probe >= GRACE_PROBE_EVERY) {
            grace = 0;
            return true;
        }
        grace = (byte) (probe << 4);
        return false;
    }

    /** Records how a grace period ended: a message came (+2 credit, at most 8) or none did (-1). */
    private void graceEnded(boolean hit) {
        int credit = grace & 0x0f;
        credit = hit ? Math.min(GRACE_CREDIT_MAX, credit + 2) : Math.max(0, credit - 1);
        grace = (byte) ((grace & 0xf0) | credit);
    }

    /**
     * Parks the runner, still holding the run token (as {@link #GRACE}), until a sender hands it
     * back or the grace period ends.
     *
     * @return true if there is work: run the loop; false if the period ran out: give the token
     *         back as usual. Either way the token is held (1) on return.
     */
    private boolean awaitGrace() {
        long since = System.nanoTime();
        GraceTicker.Ticket ticket = runtime.graceTicker().enter(since);
        RUN.setVolatile(this, GRACE);
        for (;;) {
            if (run != GRACE || hasWork()) {
                // Woken by a sender (it set the token to 1), or work seen first: take the token
                // back unless a sender just did.
                RUN.compareAndSet(this, GRACE, 1);
                ticket.done = true;
                graceEnded(true);
                return true;
            }
            long left = since + GRACE_NANOS - System.nanoTime();
            if (left <= 0) {
                if (RUN.compareAndSet(this, GRACE, 1)) {
                    ticket.done = true;
                    graceEnded(false);
                    return false;
                }
                continue; // a sender took the token at the last moment: its message is there
            }
            if (runtime.isClosing()) {
                LockSupport.parkNanos(this, left); // the ticker may be gone with the runtime's timers
            } else {
                LockSupport.park(ticket); // woken by a sender, or by the ticker once the period is over
            }
            Thread.interrupted(); // a killer's interrupt aimed at a callback that has returned
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
                Incarnation starting = takeInitPending();
                if (starting != null) {
                    SystemRequests.runInit(this, starting);
                    continue;
                }
            }
            ConcurrentLinkedQueue<SystemRequest> queue = system;
            SystemRequest request = queue == null ? null : queue.poll();
            if (request != null) {
                SystemRequests.handle(this, request);
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
                SystemRequests.runInspection(this, inc, ((Envelope.Sys) sys).request());
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
                SystemRequests.runInspection(this, inc, sys.request());
                continue;
            }
            publishInFlight(e);
            if (inc.isDead() || current != inc) {
                // Killed between our check and here: the message was not handled; it belongs to
                // the next instance, or is answered now if there will be none.
                clearInFlightRelease();
                holdBack(e);
                return;
            }
            handleUser(inc, e);
            clearInFlightRelease();
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

    /** Handles one user message; the caller publishes it as {@link #inFlight} and clears it after. */
    void handleUser(Incarnation inc, Envelope e) {
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
            addSkippedCall();
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
            incrementHandledRelease();
            if (!inc.isDead()) {
                Outcomes.crash(this, inc, t, e);
            } else {
                Outcomes.answerKilled(this, inc, call);
            }
            return;
        }
        scope.end(null);
        incrementHandledRelease();
        if (inc.isDead()) {
            Outcomes.answerKilled(this, inc, call);
            return; // killed while handling: the result is discarded
        }
        Outcomes.apply(this, inc, e, result);
        Thread.interrupted();
    }

    private static HandlerInterceptor.Kind kindOf(Envelope e) {
        return switch (e) {
            case CallEnvelope c -> HandlerInterceptor.Kind.CALL;
            case Envelope.Cast c -> HandlerInterceptor.Kind.CAST;
            default -> HandlerInterceptor.Kind.INFO;
        };
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

    static void cancelTimeout(Incarnation inc) {
        if (inc.timeoutTimer != null) {
            inc.timeoutTimer.cancel(false);
            inc.timeoutTimer = null;
        }
    }
}
