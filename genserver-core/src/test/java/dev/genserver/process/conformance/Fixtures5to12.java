package dev.genserver.process.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
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
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Shared fixtures of the conformance tests for SPEC sections 5, 6, 7, 8 and 12: a scriptable
 * probe server that records what happens to it, latches to hold a handler in place, and helpers
 * to run a blocking operation in the background.
 */
final class Fixtures5to12 {

    /** How long a test waits for something that must happen; generous for a loaded 2-core machine. */
    static final Duration AWAIT = Duration.ofSeconds(10);
    /** A call timeout that must never elapse in a passing test. */
    static final Duration LONG = Duration.ofSeconds(30);

    private Fixtures5to12() {
    }

    static ConditionFactory eventually() {
        return Awaitility.await().atMost(AWAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    // ---- messages understood by the probe ---------------------------------------------------

    /** Cast, call or info: adds to the state (a call replies with the new state). */
    record Add(int n) {
    }

    /** Call: replies with the state. */
    record Get() {
    }

    /** Call: replies with the value. */
    record Echo(Object value) {
    }

    /** Cast, call or info: throws IllegalStateException(why). */
    record Crash(String why) {
    }

    /** Cast or call: returns Result.stop(reason) (a call also gets {@code reply} when withReply). */
    record StopWith(ExitReason reason, boolean withReply, Object reply) {
        StopWith(ExitReason reason) {
            this(reason, false, null);
        }
    }

    /** Call: runs the action on the server's own thread with its context and replies with the result. */
    record WithCtx(Function<ServerContext, Object> action) {
    }

    /** Call: holds the handler on {@code block}, then runs the action and replies with its result. */
    record BlockThen(Block block, Function<ServerContext, Object> action) {
    }

    /** Call: keeps the reply handle (deferred reply) and does not reply. */
    record Defer() {
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

    /** Every {@link Block} a test created, released at teardown so no server stays stuck. */
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

    /** What happened to the probe servers built from one factory (across restarts). */
    record Terminated(ExitReason reason, Integer state) {
    }

    static final class Events {
        final AtomicInteger inits = new AtomicInteger();
        final List<Probe> instances = new CopyOnWriteArrayList<>();
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

    /** A scriptable server whose state is an Integer counter. */
    static final class Probe implements GenServer<Integer> {
        private final Events ev;
        private ServerContext ctx;

        Probe(Events ev) {
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

    static ServerRef startProbe(ProcessRuntime rt, Events ev, StartOptions options) {
        return rt.start(() -> new Probe(ev), options).ref();
    }

    static ServerRef startProbe(ProcessRuntime rt, Events ev) {
        return startProbe(rt, ev, StartOptions.defaults());
    }

    /** The exception a future failed with (unwrapped), waiting up to {@link #AWAIT}. */
    static Throwable failureOf(CompletableFuture<?> future) {
        try {
            Object value = future.get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure but completed with " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("not completed within " + AWAIT, e);
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

    // ---- background work --------------------------------------------------------------------

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

    static Background<Void> background(String name, Runnable body) {
        return backgroundCall(name, () -> {
            body.run();
            return null;
        });
    }
}
