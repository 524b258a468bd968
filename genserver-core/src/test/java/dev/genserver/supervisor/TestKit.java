package dev.genserver.supervisor;

import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Servers and an event log for the supervision and registry tests. */
public final class TestKit {

    private TestKit() {
    }

    /** Replies "pong:&lt;id&gt;#&lt;instance&gt;". */
    public record Ping() {
    }

    /** The handler throws: the server crashes and the caller gets a CallFailedException. */
    public record Crash(String why) {
    }

    /** The server stops with this reason after replying "stopping". */
    public record StopWith(ExitReason reason) {
    }

    /** The handler blocks until the latch opens (interruptibly), then replies "unblocked". */
    public record Block(CountDownLatch entered, CountDownLatch release) {
    }

    /** Replies the factory arguments. */
    public record Args() {
    }

    /** What the children did, in order: "init:A", "terminate:A:shutdown", ... Thread-safe. */
    public static final class Events {
        private final List<String> log = new ArrayList<>();

        public synchronized void add(String event) {
            log.add(event);
        }

        public synchronized List<String> all() {
            return List.copyOf(log);
        }

        public synchronized int size() {
            return log.size();
        }

        public synchronized List<String> since(int index) {
            return List.copyOf(log.subList(index, log.size()));
        }

        public synchronized long count(String event) {
            return log.stream().filter(event::equals).count();
        }

        public synchronized long countPrefix(String prefix) {
            return log.stream().filter(e -> e.startsWith(prefix)).count();
        }

        @Override
        public synchronized String toString() {
            return log.toString();
        }
    }

    /** How a worker's init behaves; shared by every instance of one child, so tests can change it between restarts. */
    public static final class Behaviour {
        public volatile InitMode mode = InitMode.OK;
        /** Opened when an init starts (for {@link InitMode#BLOCK}). */
        public volatile CountDownLatch initEntered = new CountDownLatch(1);
        /** init waits for this in {@link InitMode#BLOCK}. */
        public volatile CountDownLatch initRelease = new CountDownLatch(1);
        /** terminate waits for this latch if set (interruptibly). */
        public volatile CountDownLatch terminateRelease;
        /** Called in terminate, if set. */
        public volatile Consumer<String> onTerminate;
        /** The next this-many inits fail (whatever the mode). */
        public final AtomicInteger failNext = new AtomicInteger();
        public final AtomicInteger instances = new AtomicInteger();
        public final List<Long> initTimes = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    public enum InitMode { OK, IGNORE, FAIL, THROW, BLOCK }

    /** A test server: records init and terminate, answers {@link Ping}, crashes on {@link Crash}. */
    public static final class Worker implements GenServer<Integer> {
        private final String id;
        private final Events events;
        private final Behaviour behaviour;
        private final List<Object> args;

        public Worker(String id, Events events, Behaviour behaviour, List<Object> args) {
            this.id = id;
            this.events = events;
            this.behaviour = behaviour;
            this.args = args;
        }

        @Override
        public Init<Integer> init(ServerContext ctx) {
            int instance = behaviour.instances.incrementAndGet();
            behaviour.initTimes.add(System.nanoTime());
            events.add("init:" + id);
            if (behaviour.failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return Init.stop(ExitReason.error("init of " + id + " failed"));
            }
            switch (behaviour.mode) {
                case IGNORE -> {
                    return Init.ignore();
                }
                case FAIL -> {
                    return Init.stop(ExitReason.error("init of " + id + " failed"));
                }
                case THROW -> throw new IllegalStateException("init of " + id + " threw");
                case BLOCK -> {
                    behaviour.initEntered.countDown();
                    try {
                        behaviour.initRelease.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Init.stop(ExitReason.error("interrupted"));
                    }
                }
                case OK -> {
                }
            }
            return Init.ok(instance);
        }

        @Override
        public Result<Integer> handleCall(Object request, ReplyTo from, Integer instance) {
            return switch (request) {
                case Ping p -> Result.reply("pong:" + id + "#" + instance, instance);
                case Crash c -> throw new IllegalStateException("crash of " + id + ": " + c.why());
                case StopWith s -> Result.stop(s.reason(), "stopping", instance);
                case Args a -> Result.reply(args, instance);
                case Block b -> {
                    b.entered().countDown();
                    try {
                        b.release().await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield Result.reply("unblocked", instance);
                }
                default -> Result.unhandled(instance);
            };
        }

        @Override
        public Result<Integer> handleCast(Object message, Integer instance) {
            if (message instanceof StopWith s) {
                return Result.stop(s.reason(), instance);
            }
            return Result.unhandled(instance);
        }

        @Override
        public void terminate(ExitReason reason, Integer instance) {
            CountDownLatch release = behaviour.terminateRelease;
            Consumer<String> hook = behaviour.onTerminate;
            if (hook != null) {
                hook.accept(id);
            }
            if (release != null) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    events.add("terminate-interrupted:" + id);
                    return;
                }
            }
            events.add("terminate:" + id + ":" + describe(reason));
        }
    }

    /** "crash" for a crash, the reason itself otherwise. */
    public static String describe(ExitReason reason) {
        return reason instanceof ExitReason.Crash ? "crash" : reason.toString();
    }

    /** A family of workers sharing an event log, each child with its own behaviour. */
    public static final class Family {
        public final Events events = new Events();
        private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

        public Behaviour behaviour(String id) {
            return behaviours.computeIfAbsent(id, k -> new Behaviour());
        }

        /** A permanent worker registered in the runtime under its id. */
        public ChildSpec worker(String id) {
            Behaviour b = behaviour(id);
            return ChildSpec.worker(id, args -> new Worker(id, events, b, args)).withName(id);
        }

        public ChildSpec worker(String id, RestartType restart) {
            return worker(id).withRestart(restart);
        }

        public int inits(String id) {
            return behaviour(id).instances.get();
        }
    }

    /**
     * A ticker that moves only when told: give it to {@code ProcessRuntime.builder().ticker(...)}
     * so that restart intensity windows and backoff resets pass without waiting.
     */
    public static final class ManualTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        public void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }
    }

    /** Awaitility, polling often from the start (outcomes here take microseconds), for up to 20 s. */
    public static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5));
    }

    /** The running server named {@code name}, once it has started {@code instances} times. */
    public static ServerRef awaitInstance(ProcessRuntime runtime, Family family, String name, int instances) {
        await().until(() -> family.inits(name) >= instances
                && runtime.whereis(name).map(r -> r.info().status() == dev.genserver.process.ServerStatus.RUNNING)
                        .orElse(false));
        return runtime.whereis(name).orElseThrow();
    }

    /** A child's info from a supervisor. */
    public static Optional<ChildInfo> info(Supervisor sup, String id) {
        return sup.whichChildren().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** Waits for a latch, failing the test instead of hanging. */
    public static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not opened within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
