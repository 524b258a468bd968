package dev.genserver.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.genserver.cluster.TestServers.Boom;
import dev.genserver.cluster.TestServers.Counter;
import dev.genserver.cluster.test.InJvmCluster;
import dev.genserver.cluster.TestServers.History;
import dev.genserver.cluster.TestServers.Hold;
import dev.genserver.cluster.TestServers.Inc;
import dev.genserver.cluster.TestServers.Note;
import dev.genserver.process.CallFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Placement, remote call and cast, typed failures and failover on three members (contract §17). */
class ClusterNodeTest {

    private final History history = new History();
    private final ClusterOptions options = ClusterOptions.defaults().withTakeoverDelay(Duration.ofSeconds(2))
            .withStableAfter(Duration.ofSeconds(3)).withCallTimeout(Duration.ofSeconds(10));
    private final InJvmCluster cluster = new InJvmCluster(options, member -> List.of(
            ClusteredServer.singleton("counter", token -> new Counter(history, "counter", member, token))
                    .accepting(Inc.class, Note.class, Hold.class, Boom.class),
            ClusteredServer.sharded("account", key -> new Counter(history, "account", member, 0))
                    .accepting(Inc.class, Note.class)), m -> { });

    @AfterEach
    void close() {
        history.release.countDown();
        cluster.close();
    }

    @Test
    void oneSingletonAndOneInstancePerKeyServeEveryMember() {
        var a = cluster.join();
        var b = cluster.join();
        var c = cluster.join();
        long id = 0;
        long expected = 0;
        for (var m : List.of(a, b, c, a, b, c)) {
            long count = m.node().singleton("counter").call(new Inc(++id));
            assertThat(count).isEqualTo(++expected);
        }
        long token = a.node().fencingToken("counter").orElseThrow();
        assertThat(history.handled).allMatch(h -> h.member().equals("m1") && h.token() == token);
        assertThat(a.node().fencingToken("counter")).isPresent();
        for (var m : List.of(a, b, c)) {
            long count = m.node().shard("account", "ann").call(new Inc(++id));
            assertThat(count).isEqualTo(m == a ? 1 : m == b ? 2 : 3);
        }
        String owner = a.node().ownerOf("ann").orElseThrow();
        assertThat(history.handled).filteredOn(h -> h.server().equals("account"))
                .allMatch(h -> cluster.members().stream().filter(x -> x.name().equals(h.member())).findFirst()
                        .orElseThrow().id().equals(owner));
        c.node().singleton("counter").cast(new Note(++id));
        long last = id;
        await().until(() -> history.counts.containsKey(last));
    }

    @Test
    void castsFromOneMemberReachARemoteServerInTheOrderSent() {
        var a = cluster.join();
        var b = cluster.join();
        ClusterRef counter = b.node().singleton("counter");
        for (long id = 1; id <= 2_000; id++) {
            counter.cast(new Note(id));
        }
        await().until(() -> history.handled.size() == 2_000);
        assertThat(history.handled.stream().mapToLong(TestServers.Handled::id).toArray())
                .isSorted().doesNotHaveDuplicates();
        assertThat(history.handled).allMatch(h -> h.member().equals(a.name()));
    }

    @Test
    void aRemoteCallerTimingOutGetsCallTimeoutAndTheServerKeepsServing() {
        var a = cluster.join();
        var b = cluster.join();
        // the singleton runs and the path is warm: the 300 ms below measure the handler, not a cold start
        assertThat(b.node().singleton("counter").<Long>call(new Inc(0))).isEqualTo(1);
        assertThatThrownBy(() -> b.node().singleton("counter").call(new Hold(1), Duration.ofMillis(300)))
                .isInstanceOf(dev.genserver.process.CallTimeoutException.class).hasMessageContaining("counter")
                .hasMessageContaining("300 ms");
        history.release.countDown();
        assertThat(b.node().singleton("counter").<Long>call(new Inc(2))).isEqualTo(2);
        assertThat(b.node().statistics().remoteCalls()).containsEntry("timeout", 1L).containsEntry("ok", 2L);
        assertThat(a.node().status().hostedSingletons()).containsKey("counter");
    }

    @Test
    void typedErrorsForBadInput() {
        var a = cluster.join();
        var b = cluster.join();
        assertThatThrownBy(() -> b.node().singleton("counter").call("a string"))
                .isInstanceOf(dev.genserver.process.NoHandlerException.class).hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> b.node().singleton("counter").call(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object")
                .hasMessageContaining("accepting");
        assertThatThrownBy(() -> b.node().singleton("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
        long token = a.node().fencingToken("counter").orElseThrow();
        assertThatThrownBy(() -> b.node().singleton("counter").call(new Boom(1)))
                .isInstanceOf(CallFailedException.class).hasMessageContaining("boom 1");
        // the crashed singleton comes back on its host as a new incarnation
        await().until(() -> a.node().fencingToken("counter").orElse(0) > token);
        assertThat(b.node().singleton("counter").<Long>call(new Inc(2))).isEqualTo(1);
    }

    @Test
    void aCallInFlightToAKilledMemberFailsWithNodeDownWithinDetection() throws Exception {
        var a = cluster.join();
        var b = cluster.join();
        var c = cluster.join();
        assertThat(b.node().singleton("counter").<Long>call(new Inc(1))).isEqualTo(1);
        long firstToken = a.node().fencingToken("counter").orElseThrow();
        CompletableFuture<Object> held = b.node().singleton("counter").callAsync(new Hold(2), Duration.ofSeconds(60));
        history.holding.await();
        long killed = System.nanoTime();
        cluster.kill(a);
        assertThatThrownBy(held::join).hasCauseInstanceOf(NodeDownException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - killed))
                .isLessThan(Duration.ofSeconds(InJvmCluster.MAX_NO_HEARTBEAT_SECONDS + 1));
        // the singleton moves to the oldest survivor after the takeover delay, with a new fencing token
        long count = b.node().singleton("counter").call(new Inc(3), Duration.ofSeconds(20));
        assertThat(count).isEqualTo(1);
        assertThat(b.node().fencingToken("counter").orElseThrow()).isGreaterThan(firstToken);
        assertThat(b.node().statistics().remoteCalls()).containsKeys("ok", "node_down");
        assertThat(c.node().status().singletonHost()).isEqualTo(b.id());
        assertThat(b.node().statistics().takeovers()).isEqualTo(1);
    }

    @Test
    void aPausedHostIsReplacedStopsItsSingletonAndRejoinsWhenResumed() {
        var a = cluster.join();
        var b = cluster.join();
        var c = cluster.join();
        assertThat(c.node().singleton("counter").<Long>call(new Inc(1))).isEqualTo(1);
        long firstToken = a.node().fencingToken("counter").orElseThrow();
        cluster.pause(a);
        // the others remove the silent member after failure detection and take over after the delay
        await().atMost(Duration.ofSeconds(InJvmCluster.MAX_NO_HEARTBEAT_SECONDS + 10))
                .until(() -> b.node().fencingToken("counter").orElse(0) > firstToken);
        // the paused member, alone, has lost quorum and stopped its incarnation
        await().atMost(Duration.ofSeconds(10)).until(() -> !a.node().hasQuorum()
                && a.node().fencingToken("counter").isEmpty());
        assertThat(c.node().singleton("counter").<Long>call(new Inc(2))).isEqualTo(1);
        cluster.resume(a);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.members().stream()
                .allMatch(m -> m.node().status().members().size() == 3 && m.node().hasQuorum()));
        assertThat(a.node().fencingToken("counter")).isEmpty();
        assertThat(a.node().singleton("counter").<Long>call(new Inc(3))).isEqualTo(2);
        assertThat(history.handled).filteredOn(h -> h.id() >= 2).allMatch(h -> h.member().equals(b.name()));
        // the merge gave the resumed member a new id: its old one must not count against its quorum
        // (else, with the host killed now, it would stay without quorum: 2 of 4 instead of 2 of 3)
        long secondToken = b.node().fencingToken("counter").orElseThrow();
        cluster.kill(b);
        await().atMost(Duration.ofSeconds(InJvmCluster.MAX_NO_HEARTBEAT_SECONDS + 10))
                .until(() -> a.node().hasQuorum() && c.node().fencingToken("counter").orElse(0) > secondToken);
        assertThat(a.node().singleton("counter").<Long>call(new Inc(4))).isEqualTo(1);
    }

    @Test
    void aMemberBackUnderANewIdReplacesItsOldIdInTheOthersQuorum() {
        // a long stable-after keeps the paused member's old id in the baseline of the others
        ClusterOptions slow = options.withStableAfter(Duration.ofSeconds(120));
        try (InJvmCluster slowCluster = new InJvmCluster(slow, member -> List.of(
                ClusteredServer.singleton("counter", token -> new Counter(history, "counter", member, token))
                        .accepting(Inc.class)))) {
            var a = slowCluster.join();
            var b = slowCluster.join();
            var c = slowCluster.join();
            String pausedId = c.id();
            slowCluster.pause(c);
            await().atMost(Duration.ofSeconds(InJvmCluster.MAX_NO_HEARTBEAT_SECONDS + 10))
                    .until(() -> a.node().status().members().size() == 2);
            slowCluster.resume(c);
            await().atMost(Duration.ofSeconds(60)).until(() -> slowCluster.members().stream()
                    .allMatch(m -> m.node().status().members().size() == 3 && m.node().hasQuorum()));
            assertThat(c.id()).as("the merge gave it a new id").isNotEqualTo(pausedId);
            // b and the new c are 2 of 3 real members: a majority, though 2 of the 4 ids b has seen
            slowCluster.kill(a);
            await().atMost(Duration.ofSeconds(InJvmCluster.MAX_NO_HEARTBEAT_SECONDS + 10))
                    .until(() -> b.node().hasQuorum() && c.node().hasQuorum()
                            && b.node().fencingToken("counter").isPresent());
            assertThat(c.node().singleton("counter").<Long>call(new Inc(1))).isEqualTo(1);
        }
    }

    @Test
    void aGracefulLeaveHandsSingletonAndKeysOverWithoutFailures() {
        var a = cluster.join();
        var b = cluster.join();
        var c = cluster.join();
        assertThat(c.node().singleton("counter").<Long>call(new Inc(1))).isEqualTo(1);
        long firstToken = a.node().fencingToken("counter").orElseThrow();
        CountDownLatch left = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            cluster.leave(a);
            left.countDown();
        });
        long id = 1;
        while (left.getCount() > 0) {
            c.node().singleton("counter").call(new Inc(++id));
            c.node().shard("account", "key-" + id % 50).call(new Inc(++id));
        }
        c.node().singleton("counter").call(new Inc(++id));
        assertThat(b.node().fencingToken("counter").orElseThrow()).isGreaterThan(firstToken);
        assertThat(c.node().statistics().remoteCalls()).containsOnlyKeys("ok");
    }
}
