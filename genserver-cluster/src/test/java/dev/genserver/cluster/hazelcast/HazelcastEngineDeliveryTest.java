package dev.genserver.cluster.hazelcast;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import dev.genserver.cluster.ClusterEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a delivery's answer lands (contract §17.3): on Hazelcast's response thread, so a remote
 * call's reply wakes its caller with no thread in between, and a delivery that thread may not
 * make is "not delivered" (safe to send again), never "indeterminate".
 */
class HazelcastEngineDeliveryTest {

    private TestHazelcastInstanceFactory factory;
    private HazelcastEngine sender;
    private HazelcastEngine receiver;
    private final CountDownLatch answer = new CountDownLatch(1);

    @BeforeEach
    void startTwoMembers() {
        factory = new TestHazelcastInstanceFactory();
        String cluster = "delivery-" + System.nanoTime();
        HazelcastInstance a = factory.newHazelcastInstance(config(cluster));
        HazelcastInstance b = factory.newHazelcastInstance(config(cluster));
        sender = new HazelcastEngine(a);
        receiver = new HazelcastEngine(b);
        receiver.start(new ClusterEngine.Inbound() {
            @Override
            public byte[] deliver(String from, byte[] bytes) {
                try {
                    // answers only once the test attached its continuation: it cannot run on the test thread
                    answer.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return bytes;
            }

            @Override
            public void notify(String from, byte[] bytes) {
            }

            @Override
            public void engineStopped() {
            }
        }, () -> { });
    }

    private static Config config(String cluster) {
        return HazelcastEngine.configure(new Config().setClusterName(cluster)
                .setProperty("hazelcast.phone.home.enabled", "false")
                .setProperty("hazelcast.logging.type", "slf4j"));
    }

    @AfterEach
    void stop() {
        answer.countDown();
        factory.terminateAll();
    }

    @Test
    void theAnswerCompletesOnHazelcastsResponseThreadNotOnAThreadOfItsOwn() {
        CompletableFuture<String> thread = sender.deliver(receiver.localMember(), bytes("ping"))
                .thenApply(bytes -> Thread.currentThread().getName());
        answer.countDown();

        assertThat(thread.join()).startsWith("hz.").contains("response");
    }

    @Test
    void aDeliveryFromTheResponseThreadIsNotDeliveredAndSafeToSendAgain() {
        CompletableFuture<CompletableFuture<byte[]>> fromResponseThread = sender
                .deliver(receiver.localMember(), bytes("ping"))
                .thenApply(bytes -> sender.deliver(receiver.localMember(), bytes("again")));
        answer.countDown();

        CompletableFuture<byte[]> second = fromResponseThread.join();
        assertThat(second).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                .havingCause().isInstanceOf(ClusterEngine.NotDeliveredException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
