package dev.genserver.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.state.autoconfigure.DurableStateAutoConfiguration;
import dev.genserver.state.fixtures.Wallet;
import dev.genserver.state.fixtures.WalletApi;
import dev.genserver.state.hazelcast.HazelcastStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Hazelcast store on two real members on loopback: compare-and-set writes, and a state that
 * survives the loss of the member that wrote it (the map's backup).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HazelcastStateStoreTests {

    private static final String CLUSTER = "genserver-state-" + UUID.randomUUID();
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static HazelcastInstance third;

    @BeforeAll
    static void startMembers() {
        first = Hazelcast.newHazelcastInstance(config());
        second = Hazelcast.newHazelcastInstance(config());
        third = Hazelcast.newHazelcastInstance(config());
        await().atMost(Duration.ofSeconds(60)).until(() -> first.getCluster().getMembers().size() == 3);
    }

    @AfterAll
    static void stopMembers() {
        Hazelcast.shutdownAll();
    }

    private static Config config() {
        Config config = new Config();
        config.setClusterName(CLUSTER);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(5801).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        return config;
    }

    @Test
    @Order(1)
    void writesAreCompareAndSetOnTheRevision() {
        HazelcastStateStore store = new HazelcastStateStore(first, "cas", Clock.systemUTC());
        StateKey key = new StateKey("wallet", "ann");
        assertThat(store.load(key)).isEmpty();
        assertThat(store.write(key, 1, "{\"balance\":1}", 0)).isEqualTo(1);
        assertThatThrownBy(() -> store.write(key, 1, "{\"balance\":9}", 0))
                .isInstanceOf(StateConflictException.class)
                .hasMessageContaining("this one read revision 0 but it is now revision 1");
        assertThat(store.write(key, 2, "{\"balance\":2}", 1)).isEqualTo(2);
        assertThatThrownBy(() -> store.write(key, 2, "{\"balance\":9}", 1))
                .isInstanceOf(StateConflictException.class)
                .hasMessageContaining("this one read revision 1 but it is now revision 2");
        StoredState stored = new HazelcastStateStore(second, "cas", Clock.systemUTC()).load(key).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.json()).isEqualTo("{\"balance\":2}");
        // a server name is never confused with a key
        assertThat(store.load(new StateKey("wallet/ann", ""))).isEmpty();
        store.check();
    }

    @Test
    @Order(2)
    void aDurableServerOnHazelcastKeepsItsStateWhenTheMemberOwningItIsLost() {
        ApplicationContextRunner app = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                        GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                        DurableStateAutoConfiguration.class))
                .withUserConfiguration(Wallet.class)
                .withPropertyValues("genserver.state.hazelcast.map=failover");
        app.withBean(HazelcastInstance.class, () -> third).run(ctx -> {
            assertThat(ctx.getBean(StateStore.class)).isInstanceOf(HazelcastStateStore.class);
            WalletApi wallet = ctx.getBean(WalletApi.class);
            for (int i = 0; i < 20; i++) {
                wallet.deposit("d" + i, 1);
            }
            assertThat(wallet.balance()).isEqualTo(20);
        });
        // the member that owns the entry dies without a graceful migration: only its backup remains
        List<HazelcastInstance> members = List.of(first, second, third);
        HazelcastInstance owner = members.stream().filter(m -> m.getPartitionService().getPartition("6:wallet/")
                .getOwner().localMember()).findFirst().orElseThrow();
        HazelcastInstance survivor = members.stream().filter(m -> m != owner).findFirst().orElseThrow();
        owner.getLifecycleService().terminate();
        await().atMost(Duration.ofSeconds(60)).until(() -> survivor.getCluster().getMembers().size() == 2);
        app.withBean(HazelcastInstance.class, () -> survivor)
                .run(ctx -> assertThat(ctx.getBean(WalletApi.class).balance()).isEqualTo(20));
    }
}
