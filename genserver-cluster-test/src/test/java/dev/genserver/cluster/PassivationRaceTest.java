package dev.genserver.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.genserver.cluster.test.InJvmCluster;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call that races with the passivation of its sharded instance (contract §17.3): it was queued
 * behind the instance's own idle stop, so it was never handled; it is routed again and a fresh
 * instance handles it once, from another member and from the owner itself. A server that declares
 * no passivation reason keeps today's answer: the stop's {@code ServerStoppedException}.
 */
class PassivationRaceTest {

    private static final ExitReason IDLE = ExitReason.shutdown("idle");

    /** Increments and answers the count. */
    record Bump(long id) {
    }

    /** Stops the instance as its idle check does, once the test lets it. */
    record Idle() {
    }

    private final CountDownLatch idling = new CountDownLatch(2);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger handled = new AtomicInteger();

    /** Counts calls; an {@link Idle} cast stops it with {@link #IDLE} between two messages. */
    final class Sleepy implements GenServer<Long> {
        @Override
        public Init<Long> init(ServerContext ctx) {
            return Init.ok(0L);
        }

        @Override
        public Result<Long> handleCall(Object request, ReplyTo from, Long count) {
            if (request instanceof Bump) {
                handled.incrementAndGet();
                return Result.reply(count + 1, count + 1);
            }
            return Result.unhandled(count);
        }

        @Override
        public Result<Long> handleCast(Object message, Long count) {
            if (message instanceof Idle) {
                idling.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Result.stop(IDLE, count);
            }
            return Result.unhandled(count);
        }
    }

    private final InJvmCluster cluster = new InJvmCluster(
            ClusterOptions.defaults().withCallTimeout(Duration.ofSeconds(20)).withQuorum(QuorumStrategy.OFF),
            member -> List.of(
                    ClusteredServer.sharded("sleepy", key -> new Sleepy()).accepting(Bump.class, Idle.class)
                            .passivatingWith(IDLE),
                    ClusteredServer.sharded("plain", key -> new Sleepy()).accepting(Bump.class, Idle.class)));

    @AfterEach
    void close() {
        release.countDown();
        cluster.close();
    }

    private static String keyOwnedBy(ClusterNode node, String owner) {
        for (int i = 0; ; i++) {
            String key = "k" + i;
            if (node.ownerOf(key).orElse("").equals(owner)) {
                return key;
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aCallQueuedBehindThePassivationIsRoutedAgainAndHandledOnce() {
        InJvmCluster.Member owner = cluster.join();
        InJvmCluster.Member other = cluster.join();
        String key = keyOwnedBy(owner.node(), owner.id());
        ClusterRef fromOther = other.node().shard("sleepy", key);
        ClusterRef fromOwner = owner.node().shard("sleepy", key);
        assertThat((Long) fromOther.call(new Bump(1))).isEqualTo(1L);
        assertThat((Long) fromOwner.call(new Bump(2))).isEqualTo(2L);
        ServerRef instance = owner.node().localInstance("sleepy", key).orElseThrow();

        fromOther.cast(new Idle());
        await().atMost(Duration.ofSeconds(20)).until(() -> idling.getCount() == 1);
        CompletableFuture<Long> remote = fromOther.callAsync(new Bump(3), Duration.ofSeconds(20));
        CompletableFuture<Long> local = fromOwner.callAsync(new Bump(4), Duration.ofSeconds(20));
        // both calls wait in the mailbox, behind the idle stop
        await().atMost(Duration.ofSeconds(20)).until(() -> instance.info().mailboxLength() == 2);
        release.countDown();

        assertThat(remote.join() + local.join()).as("a fresh instance handled each once: 1 and 2")
                .isEqualTo(3L);
        assertThat(handled).hasValue(4);
        assertThat(instance.isAlive()).isFalse();
        assertThat(owner.node().localInstance("sleepy", key)).isPresent().get().isNotEqualTo(instance);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void withoutADeclaredPassivationTheStopFailsTheQueuedCall() {
        InJvmCluster.Member owner = cluster.join();
        InJvmCluster.Member other = cluster.join();
        String key = keyOwnedBy(owner.node(), owner.id());
        ClusterRef fromOther = other.node().shard("plain", key);
        assertThat((Long) fromOther.call(new Bump(1))).isEqualTo(1L);
        ServerRef instance = owner.node().localInstance("plain", key).orElseThrow();

        fromOther.cast(new Idle());
        await().atMost(Duration.ofSeconds(20)).until(() -> idling.getCount() == 1);
        CompletableFuture<Long> queued = fromOther.callAsync(new Bump(2), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> instance.info().mailboxLength() == 1);
        release.countDown();

        assertThat(queued).failsWithin(Duration.ofSeconds(20)).withThrowableThat()
                .havingRootCause().isInstanceOf(dev.genserver.process.ServerStoppedException.class);
        assertThat(handled).hasValue(1);
    }
}
