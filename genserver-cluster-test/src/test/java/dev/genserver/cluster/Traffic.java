package dev.genserver.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.genserver.cluster.TestServers.History;
import dev.genserver.cluster.TestServers.Inc;
import dev.genserver.cluster.TestServers.Note;
import dev.genserver.cluster.test.InJvmCluster;

import static org.awaitility.Awaitility.await;

/**
 * The traffic of the cluster history tests, recorded: two virtual-thread callers per member call
 * ({@link Inc}) and cast ({@link Note}) the {@code counter} singleton and the {@code account}
 * shards of random keys, each message with an id of its own; every call's outcome, every cast and
 * every cast that became a dead letter is kept, so that a test can check the {@link History} the
 * servers wrote against it.
 */
final class Traffic {

    final History history = new History();
    /** id → "pending", "ok" or the label of the failure, for every call. */
    final Map<Long, String> calls = new ConcurrentHashMap<>();
    final Set<Long> casts = ConcurrentHashMap.newKeySet();
    final Set<Long> deadCasts = ConcurrentHashMap.newKeySet();

    private final int keys;
    private final Duration callTimeout;
    private final Function<Throwable, String> failureLabel;
    private final AtomicLong ids = new AtomicLong();
    private final List<CompletableFuture<Object>> inFlight = new CopyOnWriteArrayList<>();
    private final Map<String, List<Thread>> callers = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /**
     * @param keys how many keys of {@code account} the callers pick from
     * @param callTimeout the timeout of each call
     * @param failureLabel how a failed call is recorded in {@link #calls}
     */
    Traffic(int keys, Duration callTimeout, Function<Throwable, String> failureLabel) {
        this.keys = keys;
        this.callTimeout = callTimeout;
        this.failureLabel = failureLabel;
    }

    /** Counts the member's dead casts and starts its two callers (an {@code InJvmCluster} member hook). */
    void start(InJvmCluster.Member m) {
        m.node().onDeadLetter(letter -> {
            if (letter.message() instanceof Note(long id)) {
                deadCasts.add(id);
            }
        });
        m.runtime().onDeadLetter(letter -> {
            if (letter.message() instanceof Note(long id)) {
                deadCasts.add(id);
            }
        });
        List<Thread> threads = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            threads.add(Thread.ofVirtual().name("caller-" + m.name() + "-" + i).start(() -> {
                while (running && !Thread.currentThread().isInterrupted()) {
                    step(m.node());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                }
            }));
        }
        callers.put(m.name(), threads);
    }

    private void step(ClusterNode node) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long id = ids.incrementAndGet();
        ClusterRef ref = random.nextBoolean() ? node.singleton("counter")
                : node.shard("account", "key-" + random.nextInt(keys));
        if (random.nextInt(4) == 0) {
            casts.add(id);
            ref.cast(new Note(id));
            return;
        }
        calls.put(id, "pending");
        CompletableFuture<Object> reply = ref.callAsync(new Inc(id), callTimeout);
        inFlight.add(reply);
        reply.whenComplete((v, x) -> {
            Throwable cause = x instanceof CompletionException ? x.getCause() : x;
            calls.put(id, cause == null ? "ok" : failureLabel.apply(cause));
            inFlight.remove(reply);
        });
        if (random.nextInt(8) == 0) {
            reply.handle((v, x) -> null).join(); // some callers wait, as blocking callers do
        }
    }

    /** Stops the member's callers and waits until they ended; their calls in flight go on. */
    void stop(InJvmCluster.Member m) {
        for (Thread t : callers.getOrDefault(m.name(), List.of())) {
            t.interrupt();
            join(t);
        }
    }

    /** Stops every caller, then waits until every call in flight has ended. */
    void stopAll() {
        running = false;
        callers.values().forEach(ts -> ts.forEach(Traffic::join));
        awaitInFlight();
    }

    /** Stops every caller without waiting (for a test's {@code finally}). */
    void halt() {
        running = false;
    }

    /** Waits until every call made so far has ended. */
    void awaitInFlight() {
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .handle((v, x) -> null).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The casts neither handled nor counted as dead letters. */
    Set<Long> unaccountedCasts() {
        return casts.stream().filter(id -> !history.counts.containsKey(id) && !deadCasts.contains(id))
                .collect(Collectors.toSet());
    }

    /** Waits until the servers handled {@code more} messages beyond those handled so far. */
    void awaitHandled(int more) {
        int target = history.handled.size() + more;
        await().atMost(Duration.ofSeconds(30)).until(() -> history.handled.size() >= target);
    }

    private static void join(Thread t) {
        try {
            if (!t.join(Duration.ofSeconds(30))) {
                throw new AssertionError(t + " hung");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
