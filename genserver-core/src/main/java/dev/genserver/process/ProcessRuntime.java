package dev.genserver.process;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home of a set of servers: starts them, finds them by name, delivers exit signals and
 * timers, and counts dead letters. Plain Java, no container needed:
 *
 * <pre>{@code
 * try (ProcessRuntime runtime = ProcessRuntime.create()) {
 *     ServerRef counter = runtime.start(Counter::new, StartOptions.named("counter")).ref();
 *     counter.cast(new Increment(1));
 *     int n = counter.call(new Get());
 * }
 * }</pre>
 *
 * <h2 id="model">The model</h2>
 *
 * <p>A runtime owns its servers: their ids, their names (OTP's locally registered names), the
 * timer thread and the dead-letter count. {@link #start} runs the new server's
 * {@link GenServer#init} and reports its outcome: a reference, {@link StartResult.Ignored}, or a
 * {@link StartFailedException} (contract §1).
 *
 * <p>Every server runs its callbacks on virtual threads: a thread exists only while the server
 * has messages to handle, so a million idle servers hold no thread at all. Threads never inherit
 * the starting thread's inheritable thread-locals, so a caller's transaction, security context
 * or logging MDC cannot leak into a server (§0).
 *
 * <h2 id="signals">Exit signals, timers and dead letters</h2>
 *
 * <p>{@link #exit} sends an exit signal from outside any server (Erlang's {@code exit/2}; §12.1,
 * §12.3) and {@link #sendAfter} a timer message (§12.6). A message that no server will handle (a
 * cast to a missing server, an unhandled cast, a message dropped by a full mailbox or left queued
 * when its server stopped) is a dead letter: counted in {@link #deadLetters()} and passed to the
 * {@link #onDeadLetter} listeners (§3.1).
 *
 * <h2 id="close">Closing</h2>
 *
 * <p>{@link #close()} stops every server with reason {@code shutdown}, newest first, running its
 * {@code terminate} (§5.2) and killing it if it has not stopped within 5 s; supervised servers are
 * stopped by their supervisors, in order.
 *
 * <p>The numbered sections are those of the project's behavioural contract,
 * {@code docs/contract.md}.
 */
public final class ProcessRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessRuntime.class);

    private final ConcurrentHashMap<String, ProcessCell> names = new ConcurrentHashMap<>();
    /** Every cell that is not closed, in start order. */
    private final LiveCells cells = new LiveCells();
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder deadLetters = new LongAdder();
    private final List<Consumer<DeadLetter>> deadLetterListeners = new CopyOnWriteArrayList<>();
    private final List<ProcessListener> listeners = new CopyOnWriteArrayList<>();
    private final List<HandlerInterceptor> interceptorList = new CopyOnWriteArrayList<>();
    /** All interceptors combined; absent when there are none (the common, cheapest case). */
    private volatile @Nullable HandlerInterceptor interceptor;
    private final ScheduledThreadPoolExecutor timers;
    /** Ends the grace periods of idle runners (contract §0.3). */
    private final GraceTicker graceTicker = new GraceTicker(this);
    private final Thread.Builder.OfVirtual threads;
    private final Ticker ticker;
    private final CrashLog crashLog;
    private volatile boolean closing;

    private ProcessRuntime(Builder builder) {
        ticker = builder.ticker;
        ThreadFactory timerThreads = Thread.ofPlatform().name("genserver-timers").daemon(true).factory();
        timers = new ScheduledThreadPoolExecutor(1, timerThreads);
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        crashLog = new CrashLog(builder.showStateInCrashLogs, builder.crashLogLimit, builder.crashLogInterval, ticker,
                timers);
        threads = Thread.ofVirtual().inheritInheritableThreadLocals(false);
    }

    /**
     * Creates a runtime with the default settings.
     *
     * @return a new runtime; close it to stop every server
     */
    public static ProcessRuntime create() {
        return builder().build();
    }

    /**
     * Starts the settings of a runtime that is not made of defaults only.
     *
     * @return a builder holding the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the time source of this runtime (see {@link Builder#ticker(Ticker)}).
     *
     * @return the ticker
     */
    public Ticker ticker() {
        return ticker;
    }

    /** How many crash reports of one server are logged in full per interval, by default. */
    public static final int DEFAULT_CRASH_LOG_LIMIT = 3;
    /** The interval of {@link #DEFAULT_CRASH_LOG_LIMIT}. */
    public static final Duration DEFAULT_CRASH_LOG_INTERVAL = Duration.ofSeconds(10);

    /** The settings of a new runtime. Not thread-safe; build once, then discard. */
    public static final class Builder {

        private Ticker ticker = Ticker.system();
        private boolean showStateInCrashLogs;
        private int crashLogLimit = DEFAULT_CRASH_LOG_LIMIT;
        private Duration crashLogInterval = DEFAULT_CRASH_LOG_INTERVAL;

        private Builder() {
        }

        /**
         * Sets the time source that supervisors read to measure restart intensity and backoff
         * resets, and the crash log its interval ({@link #crashLogLimit}). Tests inject a manual
         * ticker so that no test waits for the wall clock.
         *
         * @param ticker the time source; {@link Ticker#system()} by default
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Chooses whether the crash report a server writes to the log when it exits abnormally
         * ("server X exited: reason; last message T") also shows its state. Off by default, as the
         * Actuator endpoint hides state unless configured: logs are often kept longer and read by
         * more people than the state should be. When on, the state is shown as the server's
         * redaction hook ({@link GenServer#formatStatus}) returns it, and not at all if the hook
         * throws.
         *
         * @param show true to show the (redacted) state; false by default
         * @return this builder
         */
        public Builder showStateInCrashLogs(boolean show) {
            this.showStateInCrashLogs = show;
            return this;
        }

        /**
         * Limits how many crash reports of one server are logged in full: the first
         * {@code reports} within {@code interval}; past that, its crashes are counted and logged
         * as one summary line per interval (the count, and the last reason and message type), so
         * a crash loop cannot flood the log. A server that stays quiet for a whole interval starts
         * afresh. Only the log is limited: {@link ServerRef#info()}, {@link ProcessListener}s and
         * metrics see every crash. The interval is measured with the {@link #ticker}.
         *
         * @param reports full reports per server and interval, at least 1;
         *                {@value ProcessRuntime#DEFAULT_CRASH_LOG_LIMIT} by default;
         *                {@link Integer#MAX_VALUE} for no limit
         * @param interval the interval, positive; 10 s by default
         * @return this builder
         * @throws IllegalArgumentException if {@code reports} is below 1 or {@code interval} is not positive
         */
        public Builder crashLogLimit(int reports, Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (reports < 1) {
                throw new IllegalArgumentException("crash log limit must be at least 1 report per interval, not "
                        + reports + "; use Integer.MAX_VALUE to log every crash report");
            }
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("crash log interval must be positive, not " + interval);
            }
            this.crashLogLimit = reports;
            this.crashLogInterval = interval;
            return this;
        }

        /**
         * Creates the runtime.
         *
         * @return a new runtime; close it to stop every server
         */
        public ProcessRuntime build() {
            return new ProcessRuntime(this);
        }
    }

    // ---- start ------------------------------------------------------------------------------

    /**
     * Starts an anonymous server with the default options.
     *
     * @param factory builds a fresh server instance for this start (and for every restart)
     * @return the outcome
     * @throws StartFailedException when init returned stop, threw, or timed out
     */
    public StartResult start(Supplier<? extends GenServer<?>> factory) {
        return start(factory, StartOptions.defaults());
    }

    /**
     * Starts a server and waits until its init has returned.
     *
     * @param factory builds a fresh server instance for this start (and for every restart)
     * @param options name, timeouts, mailbox bound and supervision options
     * @return {@link StartResult.Started} with the reference, or {@link StartResult.Ignored}
     * @throws AlreadyStartedException when a live server holds the name
     * @throws StartFailedException when init returned stop, threw, or timed out
     */
    public StartResult start(Supplier<? extends GenServer<?>> factory, StartOptions options) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(options, "options");
        if (closing) {
            throw new IllegalStateException("the runtime is closed; cannot start " + options.name());
        }
        ProcessCell cell = new ProcessCell(this, ids.incrementAndGet(), options, factory);
        if (options.name() != null) {
            register(cell);
        }
        cells.add(cell);
        ProcessCell caller = ProcessCell.CURRENT.get();
        Incarnation parent = options.linkToCaller() && caller != null ? caller.current : null;
        Incarnation.InitOutcome outcome;
        try {
            outcome = cell.startIncarnation(false, parent);
        } catch (RuntimeException e) {
            cell.close(ExitReason.NOPROC);
            throw e;
        }
        return switch (outcome) {
            case Incarnation.InitOutcome.Started s -> new StartResult.Started(cell);
            case Incarnation.InitOutcome.Ignored i -> {
                cell.close(ExitReason.NOPROC);
                yield new StartResult.Ignored(options.name());
            }
            case Incarnation.InitOutcome.Failed f -> {
                cell.close(ExitReason.NOPROC);
                throw new StartFailedException(cell.displayName(), f.reason());
            }
        };
    }

    private void register(ProcessCell cell) {
        String name = cell.options.name();
        for (;;) {
            ProcessCell holder = names.putIfAbsent(name, cell);
            if (holder == null) {
                return;
            }
            if (!holder.isClosed()) {
                throw new AlreadyStartedException(name, holder);
            }
            if (names.replace(name, holder, cell)) {
                return;
            }
        }
    }

    /**
     * Supervision: starts a fresh instance on a server waiting in {@link ServerStatus#RESTARTING},
     * keeping its name and mailbox. Reached through {@link SupervisorAccess} only.
     *
     * @throws StartFailedException when the new init returned stop, threw, or timed out
     * @throws IllegalStateException when the server is not waiting to be restarted
     */
    StartResult restart(ServerRef ref) {
        ProcessCell cell = requireCell(ref);
        return switch (cell.restart()) {
            case Incarnation.InitOutcome.Started s -> new StartResult.Started(cell);
            case Incarnation.InitOutcome.Ignored i -> new StartResult.Ignored(cell.name().orElse(null));
            case Incarnation.InitOutcome.Failed f -> throw new StartFailedException(cell.displayName(), f.reason());
        };
    }

    /**
     * Supervision: ends a restartable server that will not be restarted. Reached through
     * {@link SupervisorAccess} only.
     *
     * @throws IllegalStateException when the server is still running
     */
    void discard(ServerRef ref, ExitReason reason) {
        requireCell(ref).discard(reason);
    }

    // ---- lookup -----------------------------------------------------------------------------

    /**
     * Finds a live server by name (OTP's {@code whereis}).
     *
     * @param name the name
     * @return the server, or empty
     */
    public Optional<ServerRef> whereis(String name) {
        ProcessCell cell = names.get(name);
        return cell == null || cell.isClosed() ? Optional.empty() : Optional.of(cell);
    }

    /**
     * Returns every live server, in start order.
     *
     * @return a snapshot
     */
    public List<ServerRef> servers() {
        List<ProcessCell> live = cells.snapshot();
        live.removeIf(ProcessCell::isClosed);
        live.sort(Comparator.comparingLong(c -> c.id));
        return List.copyOf(live);
    }

    /**
     * Returns the number of live servers.
     *
     * @return the count
     */
    public int serverCount() {
        return cells.size();
    }

    // ---- signals and timers -------------------------------------------------------------------

    /**
     * Sends an exit signal to a server (Erlang's {@code exit/2}). {@link ExitReason#KILL} kills it
     * without terminate, untrappably, with reason {@link ExitReason#KILLED}. Any other reason
     * arrives as an {@link ExitSignal} message if the server traps exits; otherwise it is
     * ignored when {@link ExitReason#NORMAL}, and stops the server (without terminate) for any
     * other reason.
     *
     * <p>A JVM thread cannot be killed: the thread running the server's callback is interrupted
     * and its result discarded; the server counts as dead at once.
     *
     * @param ref the server
     * @param reason the reason
     */
    public void exit(ServerRef ref, ExitReason reason) {
        ProcessCell cell = cellOf(ref);
        Incarnation inc = cell == null ? null : cell.current;
        if (inc == null) {
            return;
        }
        ProcessCell caller = ProcessCell.CURRENT.get();
        cell.deliverExitSignal(inc, caller, reason);
    }

    /**
     * Sends {@code message} to {@code ref}'s {@code handleInfo} after {@code delay}. A timer to a
     * server that is gone by then, or whose bounded mailbox refuses it, is dropped as a dead
     * letter.
     *
     * @param ref the recipient
     * @param message the message
     * @param delay the delay
     * @return the timer
     */
    public TimerRef sendAfter(ServerRef ref, Object message, Duration delay) {
        return sendAfter(ref, message, delay, null);
    }

    /**
     * {@link #sendAfter(ServerRef, Object, Duration)}, keeping the timer in {@code pending} until
     * it fires or is cancelled (a server's own timers, for {@link ServerRef#relations()}).
     */
    TimerRef sendAfter(ServerRef ref, Object message, Duration delay,
                       @Nullable Set<ScheduledTimer> pending) {
        Objects.requireNonNull(ref, "ref");
        ScheduledTimer timer = new ScheduledTimer(message, pending);
        if (pending != null) {
            pending.add(timer);
        }
        timer.future = schedule(() -> {
            timer.fired = true;
            timer.forget();
            try {
                ref.send(message);
            } catch (GenServerException refused) {
                // A full mailbox refused the timer's message: nobody is there to tell but the count.
                ProcessCell cell = cellOf(ref);
                if (cell != null) {
                    cell.addDeadLetter();
                }
                deadLetter(ref, message, refused.getMessage());
            }
        }, delay);
        return timer;
    }

    /** A timer; {@code fired} is set the moment it starts delivering, so it never reports time left after that. */
    static final class ScheduledTimer implements TimerRef {
        final Object message;
        /** The set of pending timers this one is listed in until it fires or is cancelled. */
        private final @Nullable Set<ScheduledTimer> pending;
        volatile ScheduledFuture<?> future;
        volatile boolean fired;

        ScheduledTimer(Object message, @Nullable Set<ScheduledTimer> pending) {
            this.message = message;
            this.pending = pending;
        }

        void forget() {
            if (pending != null) {
                pending.remove(this);
            }
        }

        @Override
        public Optional<Duration> cancel() {
            ScheduledFuture<?> f = future;
            long left = f.getDelay(TimeUnit.NANOSECONDS);
            if (!fired && f.cancel(false)) {
                forget();
                return Optional.of(Duration.ofNanos(Math.max(0, left)));
            }
            return Optional.empty();
        }

        @Override
        public Optional<Duration> remaining() {
            ScheduledFuture<?> f = future;
            // Null only while sendAfter is still scheduling it: not yet visible as pending.
            return f == null || fired || f.isDone() ? Optional.empty()
                    : Optional.of(Duration.ofNanos(Math.max(0, f.getDelay(TimeUnit.NANOSECONDS))));
        }
    }

    GraceTicker graceTicker() {
        return graceTicker;
    }

    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timers.schedule(task, Math.max(0, CallEnvelope.saturatedNanos(delay)), TimeUnit.NANOSECONDS);
    }

    // ---- dead letters and listeners -----------------------------------------------------------

    /**
     * Returns how many messages were never handled: casts and sends to missing servers, casts
     * with no handler, messages dropped by a full mailbox, and messages queued when a server
     * stopped.
     *
     * @return the count since the runtime was created
     */
    public long deadLetters() {
        return deadLetters.sum();
    }

    /**
     * Registers a listener for every dead letter (for logs or metrics). Listeners run on the
     * thread that produced the dead letter and must be quick.
     *
     * @param listener the listener
     */
    public void onDeadLetter(Consumer<DeadLetter> listener) {
        deadLetterListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Registers an interceptor that observes every message of every server of this runtime
     * (metrics, tracing, logging context). Interceptors run in registration order.
     *
     * @param interceptor the interceptor
     */
    public synchronized void addInterceptor(HandlerInterceptor interceptor) {
        interceptorList.add(Objects.requireNonNull(interceptor, "interceptor"));
        this.interceptor = HandlerInterceptor.compose(interceptorList);
    }

    /**
     * Removes an interceptor registered with {@link #addInterceptor}.
     *
     * @param interceptor the interceptor
     * @return true if it was registered
     */
    public synchronized boolean removeInterceptor(HandlerInterceptor interceptor) {
        boolean removed = interceptorList.remove(interceptor);
        this.interceptor = HandlerInterceptor.compose(interceptorList);
        return removed;
    }

    @Nullable HandlerInterceptor interceptor() {
        return interceptor;
    }

    /**
     * Removes a listener registered with {@link #addListener}.
     *
     * @param listener the listener
     * @return true if it was registered
     */
    public boolean removeListener(ProcessListener listener) {
        return listeners.remove(listener);
    }

    /**
     * Tells whether {@link #close()} has been called: no server can be started any more.
     *
     * @return true once closing
     */
    public boolean isClosed() {
        return closing;
    }

    /**
     * Registers a listener for server life-cycle events.
     *
     * @param listener the listener
     */
    public void addListener(ProcessListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void deadLetter(ServerRef cell, Object message, String why) {
        deadLetters.increment();
        if (log.isDebugEnabled()) {
            log.debug("dead letter to {}: {} ({})", cell.displayName(), GenServerException.typeOf(message), why);
        }
        if (!deadLetterListeners.isEmpty()) {
            DeadLetter letter = new DeadLetter(cell, message, why);
            for (Consumer<DeadLetter> l : deadLetterListeners) {
                try {
                    l.accept(letter);
                } catch (RuntimeException e) {
                    log.warn("dead letter listener threw", e);
                }
            }
        }
    }

    void started(ProcessCell cell, boolean restart) {
        for (ProcessListener l : listeners) {
            try {
                l.started(cell, restart);
            } catch (RuntimeException e) {
                log.warn("process listener threw", e);
            }
        }
    }

    void exited(ProcessCell cell, ExitReason reason) {
        for (ProcessListener l : listeners) {
            try {
                l.exited(cell, reason);
            } catch (RuntimeException e) {
                log.warn("process listener threw", e);
            }
        }
    }

    void closed(ProcessCell cell, ExitReason reason) {
        for (ProcessListener l : listeners) {
            try {
                l.closed(cell, reason);
            } catch (RuntimeException e) {
                log.warn("process listener threw", e);
            }
        }
    }

    // ---- internals --------------------------------------------------------------------------

    void launch(ProcessCell cell) {
        threads.unstarted(cell).start();
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    boolean isClosing() {
        return closing;
    }

    void unregister(ProcessCell cell) {
        cell.name().ifPresent(n -> names.remove(n, cell));
        cells.remove(cell);
        crashLog.forget(cell);
    }

    CrashLog crashLog() {
        return crashLog;
    }

    @Nullable ProcessCell cellOf(@Nullable ServerRef ref) {
        if (ref instanceof ProcessCell cell) {
            return cell.runtime == this ? cell : null;
        }
        return ref == null ? null : ref.name().map(names::get).orElse(null);
    }

    private ProcessCell requireCell(ServerRef ref) {
        ProcessCell cell = cellOf(ref);
        if (cell == null) {
            throw new IllegalArgumentException(ref + " does not belong to this runtime");
        }
        return cell;
    }

    /**
     * Stops every server (newest first, with reason {@code shutdown}, up to 5 s each before it is
     * killed) and the timer thread. Supervised servers are left to their supervisors, which stop
     * them in order; whatever is left afterwards, including servers waiting to be restarted, is
     * stopped or discarded last.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        List<ProcessCell> all = cells.snapshot();
        // Newest first, but supervised (restartable) servers last: their supervisors stop them in
        // their own order, and stopping them first would look like crashes to be restarted.
        all.sort(Comparator.comparing((ProcessCell c) -> c.options.restartable())
                .thenComparing(Comparator.comparingLong((ProcessCell c) -> c.id).reversed()));
        for (ProcessCell cell : all) {
            try {
                if (cell.current != null) {
                    cell.stop(ExitReason.SHUTDOWN, Duration.ofSeconds(5));
                }
            } catch (NoProcessException alreadyGone) {
                // raced with its own exit
            }
            cell.close(ExitReason.SHUTDOWN);
        }
        timers.shutdownNow();
    }

}
