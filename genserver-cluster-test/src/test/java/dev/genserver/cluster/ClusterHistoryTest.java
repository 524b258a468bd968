package dev.genserver.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

    /** Call outcomes: "ok", "typed:" and the exception's class, or "untyped:" and the exception. */
    private final Traffic traffic = new Traffic(KEYS, Duration.ofSeconds(10),
            cause -> cause instanceof GenServerException ? "typed:" + cause.getClass().getSimpleName()
                    : "untyped:" + cause);
    private final History history = traffic.history;

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
                        .accepting(Inc.class, Note.class)), traffic::start);
        try {
            var a = cluster.join();
            var b = cluster.join();
            var c = cluster.join();
            traffic.awaitHandled(200);

            // 1. crash of the singleton's host
            assertThat(b.node().status().singletonHost()).isEqualTo(a.id());
            long firstToken = a.node().fencingToken("counter").orElseThrow();
            long killedAt = System.nanoTime();
            traffic.stop(a);
            cluster.kill(a);
            Duration bound = Duration.ofSeconds(InJvmCluster.MAX_NO_HEARTBEAT_SECONDS).plus(TAKEOVER).plusSeconds(1);
            await().atMost(bound.plusSeconds(5)).until(() -> b.node().fencingToken("counter").orElse(0) > firstToken);
            Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(failover).isLessThan(bound);
            traffic.awaitHandled(200);

            // 2. a join, then graceful leaves in turn (a rolling restart)
            var d = cluster.join();
            traffic.awaitHandled(200);
            traffic.stop(b);
            cluster.leave(b);
            traffic.awaitHandled(200);
            var e = cluster.join();
            traffic.stop(c);
            cluster.leave(c);
            traffic.awaitHandled(200);
            var f = cluster.join();
            traffic.awaitHandled(200);

            // 3. partition: the singleton's host alone on one side
            assertThat(e.node().status().singletonHost()).isEqualTo(d.id());
            cluster.partition(List.of(d), List.of(e, f));
            await().atMost(Duration.ofSeconds(20)).until(() -> !d.node().hasQuorum()
                    && e.node().fencingToken("counter").isPresent());
            assertThat(d.node().fencingToken("counter")).isEmpty();
            traffic.awaitHandled(200);
            cluster.heal();
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.members().stream()
                    .allMatch(m -> m.node().status().members().size() == 3 && m.node().hasQuorum()));
            traffic.awaitHandled(200);

            // 4. stop, and let every call end
            traffic.stopAll();
            await().atMost(Duration.ofSeconds(15)).until(() -> traffic.unaccountedCasts().isEmpty());

            check();
            Map<Long, String> calls = traffic.calls;
            long ok = calls.values().stream().filter("ok"::equals).count();
            System.out.printf("history: %d calls (%d ok, outcomes %s), %d casts (%d dead letters), failover %d ms%n",
                    calls.size(), ok, calls.values().stream().collect(Collectors.groupingBy(x -> x, Collectors.counting())),
                    traffic.casts.size(), traffic.deadCasts.size(), failover.toMillis());
            assertThat(ok).isGreaterThan(calls.size() / 2);
        } finally {
            traffic.halt();
            cluster.close();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(clusterThreads()).isSubsetOf(threadsBefore));
    }

    private void check() {
        Map<Long, String> calls = traffic.calls;
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
        assertThat(traffic.unaccountedCasts()).isEmpty();
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

    private static Set<String> clusterThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("genserver-cluster")).collect(Collectors.toSet());
    }
}
