package dev.genserver.process.conformance;

import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.InactivityTimeout;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.slf4j.LoggerFactory;

/**
 * Shared fixtures of the conformance tests for SPEC sections 0 to 4: a scriptable server, gates and
 * latches, and helpers that bound every wait so that a broken runtime fails a test instead of hanging it.
 */
final class Fixtures0to4 {

    /** How long any wait for an expected outcome may take on a loaded 2-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private Fixtures0to4() {
    }

    // ---- waiting -------------------------------------------------------------------------------

    /** Awaitility with the suite's generous bound and a short poll interval. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    /**
     * Runs {@code action} on a separate thread (not a server thread) and returns its result, or rethrows
     * what it threw. Fails the test if it does not finish within {@link #PATIENCE}: this is how a test
     * asserts that something fails "at once" rather than by hitting a long or infinite timeout.
     */
    static <T> T atOnce(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon(true).name("conformance-at-once").start(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new AssertionError("expected an outcome at once, but nothing happened within " + PATIENCE);
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
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("conformance-background").start(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The future's value, waiting at most {@link #PATIENCE}; unwraps an exceptional completion. */
    static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("future not completed within " + PATIENCE);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** The exception the future completed with, waiting at most {@link #PATIENCE}. */
    static Throwable failureOf(CompletableFuture<?> future) {
        try {
            Object value = future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected the future to fail, but it completed with " + value);
        } catch (TimeoutException e) {
            throw new AssertionError("future not completed within " + PATIENCE);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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

    // ---- gates ---------------------------------------------------------------------------------

    /**
     * A one-shot gate. A handler {@link #pass() passes} it (blocking until it is opened); a test
     * {@link #awaitOpen() waits} for it to be opened by a handler. Every gate made by the test base is
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

        /** Test side: fails unless the gate is opened within {@link #PATIENCE}. */
        void awaitOpen() {
            try {
                if (!latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                    fail("gate not opened within " + PATIENCE);
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

    // ---- the scriptable server --------------------------------------------------------------------

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

    /** A call that replies with the current state. */
    enum Get { INSTANCE }

    /** A call that replies with {@code value}. */
    record Echo(Object value) {
    }

    /** A cast or info message that is handled without changing anything (journaled as its payload). */
    record Note(Object payload) {
    }

    /** A message type no server of these tests handles. */
    record Unknown(int n) {
    }

    /** One callback invocation, as journaled by a {@link Scripted} server. */
    record Event(String what, int instance, Thread thread, long nanos) {
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
        final List<Event> journal = new CopyOnWriteArrayList<>();
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
            journal.add(new Event(what, s.instance, Thread.currentThread(), System.nanoTime()));
        }

        /** The journal as strings such as {@code "init"}, {@code "cast:x"}, {@code "terminate"}. */
        List<String> events() {
            List<String> out = new ArrayList<>();
            for (Event e : journal) {
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

        Event first(String what) {
            for (Event e : journal) {
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

    // ---- log capture -----------------------------------------------------------------------------

    /**
     * Captures what the runtime logs under {@code dev.genserver} at DEBUG and above, for the duration of
     * a try-with-resources block, without printing it.
     */
    static final class LogCapture implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger("dev.genserver");
        private final Level previousLevel = logger.getLevel();
        private final boolean previousAdditive = logger.isAdditive();
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        LogCapture() {
            appender.start();
            logger.addAppender(appender);
            logger.setAdditive(false);
            logger.setLevel(Level.DEBUG);
        }

        List<ILoggingEvent> events() {
            return List.copyOf(appender.list);
        }

        /** Waits until an event at {@code level} whose formatted message contains {@code text} is logged. */
        void awaitLogged(Level level, String text) {
            eventually().alias("a " + level + " log mentioning " + text).until(() -> events().stream()
                    .anyMatch(e -> e.getLevel() == level && e.getFormattedMessage().contains(text)));
        }

        /** Waits until an event at any level whose formatted message contains {@code text} is logged. */
        void awaitLogged(String text) {
            eventually().alias("a log mentioning " + text).until(() -> events().stream()
                    .anyMatch(e -> e.getFormattedMessage().contains(text)));
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            logger.setLevel(previousLevel);
            logger.setAdditive(previousAdditive);
            appender.stop();
        }
    }
}
