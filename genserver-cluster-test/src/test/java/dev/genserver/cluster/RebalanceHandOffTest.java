package dev.genserver.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.genserver.cluster.test.InJvmCluster;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rebalance while every member runs (contract §17.5, §16.8): members join under traffic, keys
 * move to them, and the old owner's stop (its {@code terminate}, which writes the state as a
 * durable server's does) ends before the new owner's {@code init} (which reads it) begins. At no
 * time do two members run an instance of the same key, and every key's count goes on from where
 * it was: no acknowledged increment is lost.
 */
class RebalanceHandOffTest {

    private static final int KEYS = 40;

    /** Increments a key's count and answers it. */
    record Add(long id) {
    }

    /** The shared "store" and what the test watches. */
    static final class World {
        final Map<String, Long> store = new ConcurrentHashMap<>();
        final Map<String, String> live = new ConcurrentHashMap<>();
        final Queue<String> overlaps = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicLong> startsPerMember = new ConcurrentHashMap<>();
    }

    /** Reads its count at init and writes it at terminate, as a write-through durable server does. */
    static final class Vault implements GenServer<Long> {
        private final World world;
        private final String key;
        private final String member;

        Vault(World world, String key, String member) {
            this.world = world;
            this.key = key;
            this.member = member;
        }

        @Override
        public Init<Long> init(ServerContext ctx) {
            String other = world.live.putIfAbsent(key, member);
            if (other != null) {
                world.overlaps.add(key + " started on " + member + " while live on " + other);
            }
            world.startsPerMember.computeIfAbsent(member, m -> new AtomicLong()).incrementAndGet();
            return Init.ok(world.store.getOrDefault(key, 0L));
        }

        @Override
        public Result<Long> handleCall(Object request, ReplyTo from, Long count) {
            if (request instanceof Add) {
                return Result.reply(count + 1, count + 1);
            }
            return Result.unhandled(count);
        }

        @Override
        public void terminate(ExitReason reason, Long count) {
            // a store's write takes a moment: the window in which an unordered start reads too early
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(30));
            world.store.put(key, count);
            world.live.remove(key, member);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aJoinUnderTrafficStopsTheOldInstanceBeforeTheNewOneStarts() {
        World world = new World();
        ClusterOptions options = ClusterOptions.defaults().withCallTimeout(Duration.ofSeconds(20))
                .withQuorum(QuorumStrategy.OFF);
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicLong calls = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        try (InJvmCluster cluster = new InJvmCluster(options, member -> List.of(
                ClusteredServer.sharded("vault", key -> new Vault(world, key, member)).accepting(Add.class)))) {
            InJvmCluster.Member first = cluster.join();
            Thread caller = Thread.ofPlatform().name("rebalance-caller").start(() -> {
                long id = 0;
                while (running.get()) {
                    String key = "k" + (id % KEYS);
                    try {
                        long count = first.node().shard("vault", key).call(new Add(++id));
                        long expected = acknowledged.merge(key, 1L, Long::sum);
                        if (count != expected) {
                            wrong.add(key + ": answered " + count + ", " + expected + " expected");
                            acknowledged.put(key, count);
                        }
                    } catch (RuntimeException e) {
                        wrong.add(key + ": " + e);
                    }
                    calls.incrementAndGet();
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() >= 2L * KEYS);
            for (int i = 0; i < 2; i++) {
                cluster.join();
                long before = calls.get();
                await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() >= before + 3L * KEYS);
            }
            running.set(false);
            await().atMost(Duration.ofSeconds(60)).until(() -> !caller.isAlive());

            assertThat(world.overlaps).as("two live instances of a key at once").isEmpty();
            assertThat(wrong).as("a count that did not go on from the previous owner's").isEmpty();
            assertThat(world.startsPerMember.keySet()).as("keys moved to the members that joined")
                    .contains("m2", "m3");
        } finally {
            running.set(false);
        }
    }
}
