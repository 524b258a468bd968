package dev.genserver.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

    private final Traffic traffic = new Traffic(200, Duration.ofSeconds(15),
            cause -> cause.getClass().getSimpleName() + ": " + cause.getMessage());
    private final TestServers.History history = traffic.history;
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
                        .accepting(Inc.class, Note.class)), traffic::start)) {
            List<InJvmCluster.Member> original = List.of(cluster.join(), cluster.join(), cluster.join());
            traffic.awaitHandled(300);
            for (InJvmCluster.Member old : original) {
                cluster.join();
                traffic.awaitHandled(200);
                drainCallers(old);
                leaves.add(old.name() + "@" + System.nanoTime());
                cluster.leave(old);
                leaves.add("done@" + System.nanoTime());
                traffic.awaitHandled(200);
            }
            traffic.stopAll();
            await().atMost(Duration.ofSeconds(15)).until(() -> traffic.unaccountedCasts().isEmpty());

            Map<String, Long> outcomes = traffic.calls.values().stream()
                    .collect(Collectors.groupingBy(o -> o, Collectors.counting()));
            System.out.printf("rolling deploy: %d calls %s, %d casts, %d dead letters, handled %d%n",
                    traffic.calls.size(), outcomes, traffic.casts.size(), traffic.deadCasts.size(), history.handled.size());
            traffic.calls.forEach((id, o) -> {
                if (!o.equals("ok")) {
                    System.out.println("failed call " + id + ", handled: " + history.handled.stream()
                            .filter(h -> h.id() == id).toList() + ", leaves (name@nanos): " + leaves);
                }
            });
            assertThat(outcomes).as("every call answered, none failed").containsOnlyKeys("ok");
            assertThat(traffic.deadCasts).as("no cast lost").isEmpty();
            assertThat(history.counts.entrySet()).as("nothing handled twice")
                    .filteredOn(e -> e.getValue() > 1).isEmpty();
            assertThat(traffic.calls.keySet()).allMatch(id -> history.counts.getOrDefault(id, 0) == 1);
            assertThat(cluster.members()).hasSize(3);
            long hostsSeen = history.handled.stream().filter(h -> h.server().equals("counter"))
                    .map(TestServers.Handled::member).distinct().count();
            assertThat(hostsSeen).as("the singleton moved with each leave of its host").isGreaterThanOrEqualTo(3);
        } finally {
            traffic.halt();
        }
    }

    /** What a web server's graceful shutdown does before the node leaves: no new calls, in-flight ones end. */
    private void drainCallers(InJvmCluster.Member m) {
        traffic.stop(m);
        traffic.awaitInFlight();
    }
}
