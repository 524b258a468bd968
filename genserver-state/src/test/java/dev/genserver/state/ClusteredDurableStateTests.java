package dev.genserver.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusterOptions;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.cluster.JsonMessageCodec;
import dev.genserver.cluster.hazelcast.HazelcastEngine;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.support.ServerDefinition;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.ServerSpecs;
import dev.genserver.state.autoconfigure.DurableStateAutoConfiguration;
import dev.genserver.state.fixtures.Crates;
import dev.genserver.state.fixtures.Crates.Contents;
import dev.genserver.state.fixtures.Crates.Look;
import dev.genserver.state.fixtures.Crates.Put;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Durable servers placed by the cluster (contract §16.8): three members on Hazelcast's mock network,
 * each a Spring application whose durable keyed servers keep their state in the Hazelcast store
 * ({@code IMap}, one backup) and are declared to its {@link ClusterNode} as sharded servers built
 * by the Spring layer ({@code ServerSpecs.factory}, as {@code @Clustered} does), so the durable
 * decorator wraps each instance. A member killed: every key it owned is read back on its new owner
 * (what was written; the backups survive the member). A member leaving gracefully: its instances
 * stop in an orderly way before its partitions move, so even write-behind state not yet written
 * is written, and read back on the new owner.
 */
class ClusteredDurableStateTests {

    private static final List<String> KEYS = IntStream.range(0, 24).mapToObj(i -> "k" + i).toList();

    private final TestHazelcastInstanceFactory hazelcast = new TestHazelcastInstanceFactory();
    private final String clusterName = "durable-" + System.nanoTime();
    private final ClusterOptions options = ClusterOptions.defaults().withTakeoverDelay(Duration.ofSeconds(1))
            .withStableAfter(Duration.ofSeconds(2)).withCallTimeout(Duration.ofSeconds(20));
    private final List<Member> members = new ArrayList<>();

    /** The application of one member: the GenServer and durable-state auto-configurations and the crates. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ GenServerRuntimeAutoConfiguration.class, GenServerAutoConfiguration.class,
            GenServerKeyedAutoConfiguration.class, DurableStateAutoConfiguration.class })
    @Import({ Crates.ThroughCrate.class, Crates.BehindCrate.class })
    static class MemberApp {
    }

    /** One member: its Hazelcast instance, its application and its cluster node. */
    record Member(String name, HazelcastInstance hazelcast, ConfigurableApplicationContext app, ClusterNode node) {
    }

    @AfterEach
    void stop() {
        for (Member m : members) {
            try {
                m.node().close();
            } finally {
                m.app().close();
            }
        }
        hazelcast.terminateAll();
    }

    private Member join(String name) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.partition.count", "31");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "4");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "20");
        HazelcastInstance hz = hazelcast.newHazelcastInstance(HazelcastEngine.configure(config));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(MemberApp.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("hazelcastInstance", hz))
                .properties("spring.main.banner-mode=off")
                .run();
        ServerSpecs specs = app.getBean(ServerSpecs.class);
        ServerDefinitions definitions = app.getBean(ServerDefinitions.class);
        List<ClusteredServer> servers = new ArrayList<>();
        for (String server : List.of("throughCrate", "behindCrate")) {
            ServerDefinition def = definitions.byName(server).orElseThrow();
            servers.add(ClusteredServer.sharded(server,
                            key -> specs.factory(def, server + "[" + key + "]", key).get())
                    .accepting(Put.class, Look.class, Contents.class));
        }
        ClusterNode node = ClusterNode.start(app.getBean(ProcessRuntime.class), new HazelcastEngine(hz), options,
                new JsonMessageCodec(), servers);
        Member m = new Member(name, hz, app, node);
        members.add(m);
        int size = members.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> members.stream()
                .allMatch(x -> x.hazelcast().getCluster().getMembers().size() == size));
        await().atMost(Duration.ofSeconds(60)).until(() -> hz.getPartitionService().isClusterSafe());
        return m;
    }

    private static Contents put(Member via, String server, String key, String item) {
        return via.node().shard(server, key).call(new Put(item));
    }

    private static List<String> look(Member via, String server, String key) {
        Contents c = via.node().shard(server, key).call(new Look());
        return c.items();
    }

    private static List<String> ownedBy(Member member, Member via) {
        String id = member.hazelcast().getCluster().getLocalMember().getUuid().toString();
        return KEYS.stream().filter(k -> id.equals(via.node().ownerOf(k).orElse(null))).toList();
    }

    @Test
    void theStateOfEveryKeyIsReadBackOnItsNewOwnerAfterAKillAndAfterAGracefulLeave() {
        Member a = join("a");
        Member b = join("b");
        Member c = join("c");

        // every key gets one item, write-through: written before the reply
        for (String key : KEYS) {
            assertThat(put(a, "throughCrate", key, "one").items()).containsExactly("one");
        }
        List<String> onB = ownedBy(b, a);
        assertThat(onB).isNotEmpty();

        // b is killed: no hand-off, its partitions (and the IMap's primaries) are lost with it
        members.remove(b);
        hazelcast.terminate(b.hazelcast());
        b.node().close();
        b.app().close();
        await().atMost(Duration.ofSeconds(60)).until(() -> a.hazelcast().getCluster().getMembers().size() == 2
                && a.hazelcast().getPartitionService().isClusterSafe());
        // every key, b's included, answers from a or c with what was written
        for (String key : KEYS) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> look(a, "throughCrate", key).equals(List.of("one")));
        }

        // the write-behind crates (1 h delay: nothing written by time) and a second item for the others
        for (String key : KEYS) {
            assertThat(put(a, "throughCrate", key, "two").items()).containsExactly("one", "two");
            assertThat(put(a, "behindCrate", key, "late").items()).containsExactly("late");
        }
        List<String> onC = ownedBy(c, a);
        assertThat(onC).isNotEmpty();
        for (String key : onC) {
            assertThat(c.app().getBean(DurableStates.class).stored("behindCrate", key)).isEmpty();
        }

        // c leaves gracefully: its instances stop (terminate writes), then its partitions move to a
        members.remove(c);
        c.node().leave();
        c.app().close();
        c.hazelcast().shutdown();
        await().atMost(Duration.ofSeconds(60)).until(() -> a.hazelcast().getCluster().getMembers().size() == 1);
        DurableStates states = a.app().getBean(DurableStates.class);
        for (String key : onC) {
            assertThat(states.stored("behindCrate", key)).map(StoredState::json)
                    .contains("{\"items\":[\"late\"]}");
        }
        for (String key : KEYS) {
            assertThat(look(a, "throughCrate", key)).containsExactly("one", "two");
            assertThat(look(a, "behindCrate", key)).containsExactly("late");
        }
    }
}
