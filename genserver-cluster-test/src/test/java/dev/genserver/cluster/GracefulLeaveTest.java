package dev.genserver.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import dev.genserver.cluster.TestServers.Counter;
import dev.genserver.cluster.TestServers.History;
import dev.genserver.cluster.TestServers.Inc;
import dev.genserver.cluster.TestServers.Note;
import dev.genserver.cluster.test.InJvmCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling deploy under traffic (contract §17.5, §17.7): every member of three is replaced in turn
 * (a new member joins, the old one's callers drain as a web server's graceful shutdown does, then
 * it leaves gracefully) while callers on every member call and cast a singleton and 200 keys. No
 * call may fail and no cast may be lost: the hand-off drains, and what arrives meanwhile is
 * refused untouched and routed again.
 */
class GracefulLeaveTest {

    private static final int KEYS = 200;

    private final History history = new History();
    private final AtomicLong ids = new AtomicLong();
    /** id → "ok" or the failure, for every call. */
    private final Map<Long, String> calls = new ConcurrentHashMap<>();
    private final Set<Long> casts = ConcurrentHashMap.newKeySet();
    private final Set<Long> deadCasts = ConcurrentHashMap.newKeySet();
    private final List<CompletableFuture<Object>> inFlight = new CopyOnWriteArrayList<>();
    private final Map<String, List<Thread>> callers = new ConcurrentHashMap<>();
    private volatile boolean traffic = true;
    private final List<String> leaves = new CopyOnWriteArrayList<>();

    private final ClusterOptions options = ClusterOptions.defaults().withTakeoverDelay(Duration.ofSeconds(2))
            .withStableAfter(Duration.ofSeconds(3)).withCallTimeout(Duration.ofSeconds(15))
            .withQuorum(QuorumStrategy.KEEP_MAJORITY);

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aRollingDeployUnderTrafficFailsNoCallAndLosesNoCast() {
        try (InJvmCluster cluster = new InJvmCluster(options, member -> List.of(
                ClusteredServer.singleton("counter", token -> new Counter(history, "counter", member, token))
                        .accepting(Inc.class, Note.class),
                ClusteredServer.sharded("account", key -> new Counter(history, "account[" + key + "]", member, 0))
                        .accepting(Inc.class, Note.class)), this::withTraffic)) {
            List<InJvmCluster.Member> original = List.of(cluster.join(), cluster.join(), cluster.join());
            awaitHandled(300);
            for (InJvmCluster.Member old : original) {
                cluster.join();
                awaitHandled(200);
                drainCallers(old);
                leaves.add(old.name() + "@" + System.nanoTime());
                cluster.leave(old);
                leaves.add("done@" + System.nanoTime());
                awaitHandled(200);
            }
            traffic = false;
            callers.values().forEach(ts -> ts.forEach(GracefulLeaveTest::join));
            awaitInFlight();
            await().atMost(Duration.ofSeconds(15)).until(() -> unaccountedCasts().isEmpty());

            Map<String, Long> outcomes = calls.values().stream()
                    .collect(Collectors.groupingBy(o -> o, Collectors.counting()));
            System.out.printf("rolling deploy: %d calls %s, %d casts, %d dead letters, handled %d%n",
                    calls.size(), outcomes, casts.size(), deadCasts.size(), history.handled.size());
            calls.forEach((id, o) -> {
                if (!o.equals("ok")) {
                    System.out.println("failed call " + id + ", handled: " + history.handled.stream()
                            .filter(h -> h.id() == id).toList() + ", leaves (name@nanos): " + leaves);
                }
            });
            assertThat(outcomes).as("every call answered, none failed").containsOnlyKeys("ok");
            assertThat(deadCasts).as("no cast lost").isEmpty();
            assertThat(history.counts.entrySet()).as("nothing handled twice")
                    .filteredOn(e -> e.getValue() > 1).isEmpty();
            assertThat(calls.keySet()).allMatch(id -> history.counts.getOrDefault(id, 0) == 1);
            assertThat(cluster.members()).hasSize(3);
            long hostsSeen = history.handled.stream().filter(h -> h.server().equals("counter"))
                    .map(TestServers.Handled::member).distinct().count();
            assertThat(hostsSeen).as("the singleton moved with each leave of its host").isGreaterThanOrEqualTo(3);
        } finally {
            traffic = false;
        }
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
        List<Thread> threads = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            threads.add(Thread.ofVirtual().name("caller-" + m.name() + "-" + i).start(() -> {
                while (traffic && !Thread.currentThread().isInterrupted()) {
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
                : node.shard("account", "key-" + random.nextInt(KEYS));
        if (random.nextInt(4) == 0) {
            casts.add(id);
            ref.cast(new Note(id));
            return;
        }
        calls.put(id, "pending");
        CompletableFuture<Object> reply = ref.callAsync(new Inc(id), Duration.ofSeconds(15));
        inFlight.add(reply);
        reply.whenComplete((v, x) -> {
            Throwable cause = x instanceof java.util.concurrent.CompletionException ? x.getCause() : x;
            calls.put(id, cause == null ? "ok" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
            inFlight.remove(reply);
        });
        if (random.nextInt(8) == 0) {
            reply.handle((v, x) -> null).join(); // some callers wait, as blocking callers do
        }
    }

    /** What a web server's graceful shutdown does before the node leaves: no new calls, in-flight ones end. */
    private void drainCallers(InJvmCluster.Member m) {
        for (Thread t : callers.getOrDefault(m.name(), List.of())) {
            t.interrupt();
            join(t);
        }
        awaitInFlight();
    }

    private void awaitInFlight() {
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .handle((v, x) -> null).orTimeout(30, TimeUnit.SECONDS).join();
    }

    private Set<Long> unaccountedCasts() {
        return casts.stream().filter(id -> !history.counts.containsKey(id) && !deadCasts.contains(id))
                .collect(Collectors.toSet());
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
}
