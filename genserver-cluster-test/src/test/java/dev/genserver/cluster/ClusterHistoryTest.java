package dev.genserver.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import dev.genserver.cluster.TestServers.Counter;
import dev.genserver.cluster.test.InJvmCluster;
import dev.genserver.cluster.TestServers.Handled;
import dev.genserver.cluster.TestServers.History;
import dev.genserver.cluster.TestServers.Inc;
import dev.genserver.cluster.TestServers.Note;
import dev.genserver.process.GenServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-JVM history test (contract §17.8): three members under traffic (callers on every
 * member, calls and casts to a singleton and to 1,000 keys) through a kill of the singleton's host,
 * a join, graceful leaves, a 2|1 partition and its heal; then the recorded history is checked.
 */
class ClusterHistoryTest {

    private static final int KEYS = 1_000;
    private static final Duration TAKEOVER = Duration.ofSeconds(2);

    private final History history = new History();
    private final AtomicLong ids = new AtomicLong();
    /** id → outcome of every call: "ok" or the exception's class. */
    private final Map<Long, String> calls = new ConcurrentHashMap<>();
    private final Set<Long> casts = ConcurrentHashMap.newKeySet();
    private final Set<Long> deadCasts = ConcurrentHashMap.newKeySet();
    private final List<CompletableFuture<?>> inFlight = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Thread> callers = new ConcurrentHashMap<>();
    private volatile boolean traffic = true;

    private final ClusterOptions options = ClusterOptions.defaults().withTakeoverDelay(TAKEOVER)
            .withStableAfter(Duration.ofSeconds(3)).withCallTimeout(Duration.ofSeconds(10))
            .withQuorum(QuorumStrategy.KEEP_MAJORITY);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void noCallHandledTwiceNoneLostOneSingletonPerQuorumSide() {
        Set<String> threadsBefore = clusterThreads();
        InJvmCluster cluster = new InJvmCluster(options, member -> List.of(
                ClusteredServer.singleton("counter", token -> new Counter(history, "counter", member, token))
                        .accepting(Inc.class, Note.class),
                ClusteredServer.sharded("account", key -> new Counter(history, "account[" + key + "]", member, 0))
                        .accepting(Inc.class, Note.class)), this::withTraffic);
        try {
            var a = cluster.join();
            var b = cluster.join();
            var c = cluster.join();
            awaitHandled(200);

            // 1. crash of the singleton's host
            assertThat(b.node().status().singletonHost()).isEqualTo(a.id());
            long firstToken = a.node().fencingToken("counter").orElseThrow();
            long killedAt = System.nanoTime();
            stopTraffic(a);
            cluster.kill(a);
            Duration bound = Duration.ofSeconds(InJvmCluster.MAX_NO_HEARTBEAT_SECONDS).plus(TAKEOVER).plusSeconds(1);
            await().atMost(bound.plusSeconds(5)).until(() -> b.node().fencingToken("counter").orElse(0) > firstToken);
            Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(failover).isLessThan(bound);
            awaitHandled(200);

            // 2. a join, then graceful leaves in turn (a rolling restart)
            var d = cluster.join();
            awaitHandled(200);
            stopTraffic(b);
            cluster.leave(b);
            awaitHandled(200);
            var e = cluster.join();
            stopTraffic(c);
            cluster.leave(c);
            awaitHandled(200);
            var f = cluster.join();
            awaitHandled(200);

            // 3. partition: the singleton's host alone on one side
            assertThat(e.node().status().singletonHost()).isEqualTo(d.id());
            cluster.partition(List.of(d), List.of(e, f));
            await().atMost(Duration.ofSeconds(20)).until(() -> !d.node().hasQuorum()
                    && e.node().fencingToken("counter").isPresent());
            assertThat(d.node().fencingToken("counter")).isEmpty();
            awaitHandled(200);
            cluster.heal();
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.members().stream()
                    .allMatch(m -> m.node().status().members().size() == 3 && m.node().hasQuorum()));
            awaitHandled(200);

            // 4. stop, and let every call end
            traffic = false;
            callers.values().forEach(t -> join(t));
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .handle((v, x) -> null).orTimeout(30, TimeUnit.SECONDS).join();
            await().atMost(Duration.ofSeconds(15)).until(() -> unaccountedCasts().isEmpty());

            check();
            long ok = calls.values().stream().filter("ok"::equals).count();
            System.out.printf("history: %d calls (%d ok, outcomes %s), %d casts (%d dead letters), failover %d ms%n",
                    calls.size(), ok, calls.values().stream().collect(Collectors.groupingBy(x -> x, Collectors.counting())),
                    casts.size(), deadCasts.size(), failover.toMillis());
            assertThat(ok).isGreaterThan(calls.size() / 2);
        } finally {
            traffic = false;
            cluster.close();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(clusterThreads()).isSubsetOf(threadsBefore));
    }

    private void check() {
        // at most once: no id handled twice, anywhere
        assertThat(history.counts.entrySet()).filteredOn(en -> en.getValue() > 1).isEmpty();
        // every call answered or given a typed exception
        assertThat(calls.values()).allMatch(o -> o.equals("ok") || o.startsWith("typed:"),
                "only replies and typed exceptions");
        assertThat(calls.keySet()).allMatch(id -> calls.get(id) != null);
        // a call that succeeded was handled exactly once
        assertThat(calls.entrySet()).filteredOn(en -> en.getValue().equals("ok"))
                .allMatch(en -> history.counts.getOrDefault(en.getKey(), 0) == 1);
        // every cast handled or counted as a dead letter
        assertThat(unaccountedCasts()).isEmpty();
        // at most one live singleton: the incarnations' handling intervals never overlap, tokens increase
        Map<Long, List<Handled>> byToken = history.handled.stream().filter(h -> h.server().equals("counter"))
                .collect(Collectors.groupingBy(Handled::token));
        List<long[]> intervals = new ArrayList<>();
        byToken.forEach((token, hs) -> intervals.add(new long[] {token,
                hs.stream().mapToLong(Handled::nanos).min().orElseThrow(),
                hs.stream().mapToLong(Handled::nanos).max().orElseThrow()}));
        intervals.sort(Comparator.comparingLong(i -> i[1]));
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i)[1]).as("incarnation %d starts after %d ended", intervals.get(i)[0],
                    intervals.get(i - 1)[0]).isGreaterThan(intervals.get(i - 1)[2]);
            assertThat(intervals.get(i)[0]).isGreaterThan(intervals.get(i - 1)[0]);
        }
        assertThat(intervals.size()).isGreaterThanOrEqualTo(4);
    }

    private Set<Long> unaccountedCasts() {
        return casts.stream().filter(id -> !history.counts.containsKey(id) && !deadCasts.contains(id))
                .collect(Collectors.toSet());
    }

    private void withTraffic(InJvmCluster.Member m) {
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
        for (int i = 0; i < 2; i++) {
            callers.put(m.name() + "-" + i, Thread.ofVirtual().name("caller-" + m.name() + "-" + i).start(() -> {
                while (traffic && !Thread.currentThread().isInterrupted()) {
                    step(m.node());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                }
            }));
        }
    }

    private void step(ClusterNode node) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long id = ids.incrementAndGet();
        ClusterRef ref = random.nextBoolean() ? node.singleton("counter")
                : node.shard("account", "key-" + random.nextInt(KEYS));
        if (random.nextInt(4) == 0) {
            casts.add(id);
            ref.cast(new Note(id));
            return;
        }
        calls.put(id, "pending");
        CompletableFuture<Object> reply = ref.callAsync(new Inc(id), Duration.ofSeconds(10));
        inFlight.add(reply);
        reply.whenComplete((v, x) -> {
            Throwable cause = x instanceof java.util.concurrent.CompletionException ? x.getCause() : x;
            calls.put(id, cause == null ? "ok" : cause instanceof GenServerException ? "typed:"
                    + cause.getClass().getSimpleName() : "untyped:" + cause);
            inFlight.remove(reply);
        });
        if (random.nextInt(8) == 0) {
            reply.handle((v, x) -> null).join(); // some callers wait, as blocking callers do
        }
    }

    private void stopTraffic(InJvmCluster.Member m) {
        for (var entry : callers.entrySet()) {
            if (entry.getKey().startsWith(m.name() + "-")) {
                entry.getValue().interrupt();
                join(entry.getValue());
            }
        }
    }

    private void awaitHandled(int more) {
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

    private static Set<String> clusterThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("genserver-cluster")).collect(Collectors.toSet());
    }
}
