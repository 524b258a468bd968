package dev.genserver.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The takeover delay holds even when the singleton's host vanishes between the node's two reads
 * of the member list (found by the sample's walkthrough: the queue moved 2.5 s after a kill with
 * a 5 s delay). Contract §17.5: a vanished member's singletons start elsewhere only after the
 * takeover delay.
 */
class TakeoverDelayRaceTest {

    /** An engine whose member list changes at the read after the one armed. */
    static final class FlippingEngine implements ClusterEngine {
        final AtomicInteger reads = new AtomicInteger();
        volatile int flipAfter = Integer.MAX_VALUE;
        final AtomicLong tokens = new AtomicLong();

        @Override
        public String localMember() {
            return "me";
        }

        @Override
        public List<String> members() {
            return reads.incrementAndGet() > flipAfter ? List.of("me") : List.of("host", "me");
        }

        @Override
        public String ownerOf(String shardKey) {
            return "me";
        }

        @Override
        public int partitionOf(String shardKey) {
            return 0;
        }

        @Override
        public CompletableFuture<byte[]> deliver(String member, byte[] bytes) {
            return CompletableFuture.failedFuture(new NotDeliveredException("stub", null));
        }

        @Override
        public void notify(String member, byte[] bytes) {
        }

        @Override
        public long nextFencingToken(String name) {
            return tokens.incrementAndGet();
        }

        @Override
        public void start(Inbound inbound, Runnable events) {
        }

        @Override
        public void leave() {
        }

        @Override
        public boolean isRunning() {
            return true;
        }
    }

    /** Does nothing. */
    static final class Idle implements GenServer<String> {
        @Override
        public Init<String> init(ServerContext ctx) {
            return Init.ok("");
        }
    }

    @Test
    void aHostThatVanishesBetweenTwoReadsStillWaitsForTheTakeoverDelay() {
        FlippingEngine engine = new FlippingEngine();
        ClusterOptions options = new ClusterOptions(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofSeconds(10),
                QuorumStrategy.AUTO, Duration.ofSeconds(5));
        try (ProcessRuntime runtime = ProcessRuntime.create();
             ClusterNode node = ClusterNode.start(runtime, engine, options, new JsonMessageCodec(),
                     List.of(ClusteredServer.singleton("queue", token -> new Idle())))) {
            // the node has reconciled a few times with "host" as the oldest member
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.reads.get() > 10);
            assertThat(node.localInstance("queue", null)).isEmpty();
            // the next read (the control thread's membership check) still sees "host"; every later one does not
            engine.flipAfter = engine.reads.get() + 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.reads.get() > engine.flipAfter + 20);
            assertThat(node.localInstance("queue", null)).as("started before the takeover delay").isEmpty();
            assertThat(node.statistics().takeovers()).isZero();
        }
    }
}
