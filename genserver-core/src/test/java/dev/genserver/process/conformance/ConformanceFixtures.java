package dev.genserver.process.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.InactivityTimeout;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The fixture kit of the conformance suite (the sections of {@code docs/contract.md}): bounded
 * waits, background callers, ways to hold a handler in place, and two test servers.
 *
 * <ul>
 *   <li>{@link Scripted} servers run whatever step a {@link Do} message carries and journal every
 *       callback into their {@link Probe}: for tests about the order and the thread of callbacks.</li>
 *   <li>{@link Recorder} servers keep an Integer counter, understand fixed message types
 *       ({@link Add}, {@link Get}, {@link Crash}, {@link StopWith}, {@link Block}, ...) and record
 *       what happens to them in their {@link Events}: for tests about stops, crashes, mailboxes and
 *       inspection.</li>
 * </ul>
 *
 * <p>Every wait is bounded by {@link #AWAIT}, so a broken runtime fails a test instead of hanging
 * it. {@link ConformanceTest} is the base class that creates the runtime and releases every
 * {@link Gate} and {@link Block} after each test.
 */
final class ConformanceFixtures {

    /** How long a test waits for something that must happen; generous for a loaded 2-core machine. */
    static final Duration AWAIT = Duration.ofSeconds(10);
    /** A call timeout that must never elapse in a passing test. */
    static final Duration LONG = Duration.ofSeconds(30);

    private ConformanceFixtures() {
    }

    // ---- waiting -------------------------------------------------------------------------------

    /** Awaitility with the suite's generous bound and a short poll interval. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(AWAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    /**
     * Runs {@code action} on a separate thread (not a server thread) and returns its result, or rethrows
     * what it threw. Fails the test if it does not finish within {@link #AWAIT}: this is how a test
     * asserts that something fails "at once" rather than by hitting a long or infinite timeout.
     */
    static <T> T atOnce(Callable<T> action) throws Exception {
        Background<T> run = backgroundCall("conformance-at-once", action);
        try {
            return run.result().get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.thread().interrupt();
            throw new AssertionError("expected an outcome at once, but nothing happened within " + AWAIT);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static Exception unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception ex) {
            return ex;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return e;
    }

    /** Starts {@code action} on a fresh platform thread and returns its future outcome. */
    static <T> CompletableFuture<T> inBackground(Callable<T> action) {
        return backgroundCall("conformance-background", action).result();
    }

    /** The future's value, waiting at most {@link #AWAIT}; unwraps an exceptional completion. */
    static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("future not completed within " + AWAIT);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** The exception the future completed with (unwrapped), waiting at most {@link #AWAIT}. */
    static Throwable failureOf(CompletableFuture<?> future) {
        try {
            Object value = future.get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected the future to fail, but it completed with " + value);
        } catch (TimeoutException e) {
            throw new AssertionError("future not completed within " + AWAIT, e);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The exception an already completed future failed with: proves it failed "at once". */
    static Throwable failedNow(CompletableFuture<?> future) {
        assertThat(future).as("already completed").isDone();
        return failureOf(future);
    }

    /** Asserts that {@code future} is still not complete after {@code quiet} elapsed on purpose. */
    static void assertStillPending(CompletableFuture<?> future, Duration quiet) {
        try {
            Object value = future.get(quiet.toMillis(), TimeUnit.MILLISECONDS);
            fail("expected no outcome yet, but got " + value);
        } catch (TimeoutException expected) {
            // still pending, as it should be
        } catch (ExecutionException e) {
            fail("expected no outcome yet, but it failed with " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Lets {@code d} pass on purpose: only for checks that something does NOT happen within a time (a timeout
     * that must not fire), never to wait for an outcome.
     */
    static void letTimePass(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Number of live platform threads (virtual threads are not counted by the MXBean). */
    static int platformThreadCount() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    // ---- background callers --------------------------------------------------------------------

    /** A blocking operation running on its own platform thread. */
    record Background<T>(Thread thread, CompletableFuture<T> result) {

        /** Waits until the thread is parked (blocked inside the operation). */
        Background<T> awaitParked() {
            eventually().until(() -> {
                Thread.State s = thread.getState();
                return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || result.isDone();
            });
            return this;
        }
    }

    /** Runs a blocking operation on its own daemon platform thread. */
    static <T> Background<T> backgroundCall(String name, Callable<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        t.start();
        return new Background<>(t, result);
    }

    /** Runs a blocking action on its own daemon platform thread. */
    static Background<Void> background(String name, Runnable body) {
        return backgroundCall(name, () -> {
            body.run();
            return null;
        });
    }

    // ---- holding a handler in place ------------------------------------------------------------

    /**
     * A one-shot gate. A handler {@link #pass() passes} it (blocking until it is opened); a test
     * {@link #awaitOpen() waits} for it to be opened by a handler. Every gate made by {@link ConformanceTest#gate()} is
     * opened after each test, so that no handler stays blocked.
     */
    static final class Gate {
        private final CountDownLatch latch = new CountDownLatch(1);

        void open() {
            latch.countDown();
        }

        boolean isOpen() {
            return latch.getCount() == 0;
        }

        /** Test side: fails unless the gate is opened within {@link #AWAIT}. */
        void awaitOpen() {
            try {
                if (!latch.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    fail("gate not opened within " + AWAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Test side: tells whether the gate opens within {@code d} (for checks of absence). */
        boolean opensWithin(Duration d) {
            try {
                return latch.await(d.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Handler side: blocks (interruptibly) until the gate opens; gives up after 30 s. */
        void pass() {
            try {
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                throw sneaky(e);
            }
        }

        /** Handler side: blocks until the gate opens, ignoring interrupts; gives up after 30 s. */
        void passUninterruptibly() {
            boolean interrupted = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try {
                for (;;) {
                    try {
                        long left = deadline - System.nanoTime();
                        if (latch.await(Math.max(0, left), TimeUnit.NANOSECONDS) || left <= 0) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Holds a handler in place: counts down {@code entered}, then waits (interruptibly) for
     * {@link #release()}. Works as a cast, a call (replies "unblocked") or an info message.
     */
    static final class Block {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();
        final AtomicBoolean finished = new AtomicBoolean();

        void run() {
            entered.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("block never released");
                }
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while blocked", e);
            }
        }

        void awaitEntered() {
            try {
                assertThat(entered.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .as("the handler was entered").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        void release() {
            release.countDown();
        }

        @Override
        public String toString() {
            return "Block";
        }
    }

    /** Every {@link Block} a test created, released by {@link ConformanceTest} after each test so no server stays stuck. */
    static final class Blocks {
        private final List<Block> all = new CopyOnWriteArrayList<>();

        Block create() {
            Block b = new Block();
            all.add(b);
            return b;
        }

        void releaseAll() {
            all.forEach(Block::release);
        }
    }

    // ---- messages both test servers understand ---------------------------------------------------

    /** Call: replies with the current state. */
    record Get() {
    }

    /** Call: replies with {@code value}. */
    record Echo(Object value) {
    }

    // ---- the scripted server ------------------------------------------------------------------------

    /** What a {@link Do} message makes the handler do. {@code from} is null outside handleCall. */
    @FunctionalInterface
    interface Step {
        Result<Object> run(ReplyTo from, Object state) throws Exception;
    }

    /** How a {@link Scripted} server initialises. */
    @FunctionalInterface
    interface InitStep {
        Init<Object> run(ServerContext ctx) throws Exception;
    }

    /** Runs {@code step} in whichever handler receives it (call, cast, info or continue). */
    record Do(String tag, Step step) {
        @Override
        public String toString() {
            return tag;
        }
    }

    /** A cast or info message that is handled without changing anything (journaled as its payload). */
    record Note(Object payload) {
    }

    /** A message type no server of these tests handles. */
    record Unknown(int n) {
    }

    /** One callback invocation, as journaled by a {@link Scripted} server. */
    record JournalEntry(String what, int instance, Thread thread, long nanos) {
    }

    static String tag(Object message) {
        return switch (message) {
            case null -> "null";
            case Do d -> d.tag();
            case Note n -> String.valueOf(n.payload());
            case Get g -> "get";
            case Echo e -> "echo";
            case InactivityTimeout t -> "timeout";
            default -> message.getClass().getSimpleName();
        };
    }

    /**
     * Everything the {@link Scripted} servers built by one factory did: a journal of callbacks, the
     * terminate calls, and the instances created.
     */
    static final class Probe {
        final List<JournalEntry> journal = new CopyOnWriteArrayList<>();
        final AtomicInteger instances = new AtomicInteger();
        final AtomicInteger inits = new AtomicInteger();
        final AtomicInteger terminates = new AtomicInteger();
        final CompletableFuture<ExitReason> terminateReason = new CompletableFuture<>();
        final CompletableFuture<Object> terminateState = new CompletableFuture<>();
        final CompletableFuture<ServerContext> context = new CompletableFuture<>();
        final List<Scripted> servers = new CopyOnWriteArrayList<>();
        /** Every message handleInfo received, in order. */
        final List<Object> infoMessages = new CopyOnWriteArrayList<>();
        /** Runs when handleInfo receives {@link InactivityTimeout}; by default keeps the state. */
        volatile Step onInactivity = (from, s) -> Result.noReply(s);
        /** Runs inside terminate, after it is journaled (for example to block on a gate). */
        volatile Runnable onTerminate = () -> { };

        /** A factory of fresh servers that start with state 0. */
        Supplier<GenServer<?>> factory() {
            return factory(ctx -> Init.ok(0));
        }

        /** A factory of fresh servers that initialise with {@code init}. */
        Supplier<GenServer<?>> factory(InitStep init) {
            return () -> {
                Scripted s = new Scripted(this, instances.incrementAndGet(), init);
                servers.add(s);
                return s;
            };
        }

        void record(Scripted s, String what) {
            journal.add(new JournalEntry(what, s.instance, Thread.currentThread(), System.nanoTime()));
        }

        /** The journal as strings such as {@code "init"}, {@code "cast:x"}, {@code "terminate"}. */
        List<String> events() {
            List<String> out = new ArrayList<>();
            for (JournalEntry e : journal) {
                out.add(e.what());
            }
            return out;
        }

        /** Waits until the journal contains {@code what}. */
        void awaitEvent(String what) {
            eventually().alias("journal contains " + what).until(() -> events().contains(what));
        }

        /** Waits until the journal has {@code n} entries. */
        void awaitSize(int n) {
            eventually().alias("journal has " + n + " events").until(() -> journal.size() >= n);
        }

        JournalEntry first(String what) {
            for (JournalEntry e : journal) {
                if (e.what().equals(what)) {
                    return e;
                }
            }
            throw new AssertionError("no event " + what + " in " + events());
        }
    }

    /** A server whose behaviour is given by the messages it receives; journals every callback. */
    static final class Scripted implements GenServer<Object> {
        final Probe probe;
        final int instance;
        private final InitStep init;

        Scripted(Probe probe, int instance, InitStep init) {
            this.probe = probe;
            this.instance = instance;
            this.init = init;
        }

        @Override
        public Init<Object> init(ServerContext ctx) {
            probe.inits.incrementAndGet();
            probe.record(this, "init");
            probe.context.complete(ctx);
            try {
                return init.run(ctx);
            } catch (Exception e) {
                throw sneaky(e);
            }
        }

        @Override
        public Result<Object> handleCall(Object request, ReplyTo from, Object state) {
            probe.record(this, "call:" + tag(request));
            return switch (request) {
                case Do d -> run(d, from, state);
                case Get g -> Result.reply(state, state);
                case Echo e -> Result.reply(e.value(), state);
                default -> Result.unhandled(state);
            };
        }

        @Override
        public Result<Object> handleCast(Object message, Object state) {
            probe.record(this, "cast:" + tag(message));
            return switch (message) {
                case Do d -> run(d, null, state);
                case Note n -> Result.noReply(state);
                default -> Result.unhandled(state);
            };
        }

        @Override
        public Result<Object> handleInfo(Object message, Object state) {
            probe.infoMessages.add(message);
            probe.record(this, "info:" + tag(message));
            return switch (message) {
                case Do d -> run(d, null, state);
                case Note n -> Result.noReply(state);
                case InactivityTimeout t -> run(new Do("timeout", probe.onInactivity), null, state);
                default -> Result.unhandled(state);
            };
        }

        @Override
        public Result<Object> handleContinue(Object argument, Object state) {
            probe.record(this, "continue:" + tag(argument));
            return argument instanceof Do d ? run(d, null, state) : Result.noReply(state);
        }

        @Override
        public void terminate(ExitReason reason, Object state) {
            probe.terminates.incrementAndGet();
            probe.record(this, "terminate");
            probe.terminateReason.complete(reason);
            probe.terminateState.complete(state);
            probe.onTerminate.run();
        }

        private static Result<Object> run(Do d, ReplyTo from, Object state) {
            try {
                return d.step().run(from, state);
            } catch (Exception e) {
                throw sneaky(e);
            }
        }
    }

    /** A server that overrides nothing but init: every call, cast and info message is unhandled. */
    static final class Bare implements GenServer<Integer> {
        @Override
        public Init<Integer> init(ServerContext ctx) {
            return Init.ok(42);
        }
    }

    /** {@code Init.ok(state)} typed for {@link Scripted} servers, so that effects can be chained. */
    static Init.Ok<Object> ok(Object state) {
        return Init.ok(state);
    }

    // ---- the recording server -----------------------------------------------------------------------

    /** Cast, call or info to a {@link Recorder}: adds to the state (a call replies with the new state). */
    record Add(int n) {
    }

    /** Cast, call or info to a {@link Recorder}: throws IllegalStateException(why). */
    record Crash(String why) {
    }

    /** Cast or call to a {@link Recorder}: returns Result.stop(reason) (a call also gets {@code reply} when withReply). */
    record StopWith(ExitReason reason, boolean withReply, Object reply) {
        StopWith(ExitReason reason) {
            this(reason, false, null);
        }
    }

    /** Call to a {@link Recorder}: runs the action on the server's own thread with its context and replies with the result. */
    record WithCtx(Function<ServerContext, Object> action) {
    }

    /** Call to a {@link Recorder}: holds the handler on {@code block}, then runs the action and replies with its result. */
    record BlockThen(Block block, Function<ServerContext, Object> action) {
    }

    /** Call to a {@link Recorder}: keeps the reply handle (deferred reply) and does not reply. */
    record Defer() {
    }

    /** One terminate call of a {@link Recorder}: the reason and the state it was given. */
    record Terminated(ExitReason reason, Integer state) {
    }

    /** What the {@link Recorder} servers built from one factory did, across restarts; how a test scripts them. */
    static final class Events {
        final AtomicInteger inits = new AtomicInteger();
        final List<Recorder> instances = new CopyOnWriteArrayList<>();
        /** Every message handled (call, cast or info), in order, across instances. */
        final List<Object> handled = new CopyOnWriteArrayList<>();
        /** Every info message handled. */
        final List<Object> infos = new CopyOnWriteArrayList<>();
        final List<Terminated> terminated = new CopyOnWriteArrayList<>();
        final List<ReplyTo> deferred = new CopyOnWriteArrayList<>();
        /** Runs inside init, on the server's thread; may block or throw. */
        volatile Consumer<ServerContext> onInit = ctx -> { };
        /** When set, init returns Init.stop(initStop). */
        volatile ExitReason initStop;
        /** Runs inside terminate, after it was recorded; may block or throw. */
        volatile Consumer<ExitReason> onTerminate = r -> { };
        /** The redaction hook. */
        volatile Function<Integer, Object> format = s -> s;
        volatile boolean trapExits;

        long count(Class<?> type) {
            return handled.stream().filter(type::isInstance).count();
        }

        List<Object> infosOf(Class<?> type) {
            List<Object> out = new ArrayList<>();
            for (Object o : infos) {
                if (type.isInstance(o)) {
                    out.add(o);
                }
            }
            return out;
        }
    }

    /**
     * A server whose state is an Integer counter, driven by message types ({@link Add}, {@link Get},
     * {@link Crash}, {@link StopWith}, ...) and recording what happens to it in its {@link Events}.
     */
    static final class Recorder implements GenServer<Integer> {
        private final Events ev;
        private ServerContext ctx;

        Recorder(Events ev) {
            this.ev = ev;
        }

        @Override
        public Init<Integer> init(ServerContext ctx) {
            this.ctx = ctx;
            ev.inits.incrementAndGet();
            ev.instances.add(this);
            if (ev.trapExits) {
                ctx.trapExits(true);
            }
            ev.onInit.accept(ctx);
            ExitReason stop = ev.initStop;
            return stop != null ? Init.stop(stop) : Init.ok(0);
        }

        @Override
        public Result<Integer> handleCall(Object request, ReplyTo from, Integer state) {
            ev.handled.add(request);
            return switch (request) {
                case Add(int n) -> Result.reply(state + n, state + n);
                case Get g -> Result.reply(state, state);
                case Echo(Object v) -> Result.reply(v, state);
                case Block b -> {
                    b.run();
                    yield Result.reply("unblocked", state);
                }
                case Crash(String why) -> throw new IllegalStateException(why);
                case StopWith s -> s.withReply() ? Result.stop(s.reason(), s.reply(), state)
                        : Result.stop(s.reason(), state);
                case WithCtx w -> Result.reply(w.action().apply(ctx), state);
                case BlockThen bt -> {
                    bt.block().run();
                    yield Result.reply(bt.action().apply(ctx), state);
                }
                case Defer d -> {
                    ev.deferred.add(from);
                    yield Result.noReply(state);
                }
                default -> Result.unhandled(state);
            };
        }

        @Override
        public Result<Integer> handleCast(Object message, Integer state) {
            ev.handled.add(message);
            return switch (message) {
                case Add(int n) -> Result.noReply(state + n);
                case Block b -> {
                    b.run();
                    yield Result.noReply(state);
                }
                case Crash(String why) -> throw new IllegalStateException(why);
                case StopWith s -> Result.stop(s.reason(), state);
                default -> Result.unhandled(state);
            };
        }

        @Override
        public Result<Integer> handleInfo(Object message, Integer state) {
            ev.handled.add(message);
            ev.infos.add(message);
            return switch (message) {
                case Add(int n) -> Result.noReply(state + n);
                case Block b -> {
                    b.run();
                    yield Result.noReply(state);
                }
                case Crash(String why) -> throw new IllegalStateException(why);
                default -> Result.noReply(state);
            };
        }

        @Override
        public void terminate(ExitReason reason, Integer state) {
            ev.terminated.add(new Terminated(reason, state));
            ev.onTerminate.accept(reason);
        }

        @Override
        public Object formatStatus(Integer state) {
            return ev.format.apply(state);
        }
    }

    /** Starts a {@link Recorder} that records into {@code ev}. */
    static ServerRef startRecorder(ProcessRuntime rt, Events ev, StartOptions options) {
        return rt.start(() -> new Recorder(ev), options).ref();
    }

    /** Starts an anonymous {@link Recorder} that records into {@code ev}. */
    static ServerRef startRecorder(ProcessRuntime rt, Events ev) {
        return startRecorder(rt, ev, StartOptions.defaults());
    }
}
