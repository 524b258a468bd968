package dev.genserver.cluster.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.Clustered;
import dev.genserver.cluster.Placement;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.actuate.PlacedServerDescriptor;
import dev.genserver.spring.actuate.WorkerDescriptor;
import dev.genserver.spring.actuate.endpoint.GenServersEndpoint;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.ServerKey;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.GenServerObservabilityAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.endpoint.GenServersEndpointAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/genservers} on cluster members: the placed servers are listed beside the tree
 * (where the singleton runs, seen from every member; how many sharded instances run here), a
 * member's singleton and sharded instances are found by their cluster-unique names ({@code ledger},
 * {@code shelf[k]}) with their placement and member and their state masked unless shown, and the
 * singleton is reported on its new host after a failover.
 */
class PlacedProcessesEndpointTest {

    /** The ledger's client interface. */
    public interface LedgerApi {
        int add(int amount);
    }

    /** One ledger in the cluster. */
    @GenServer("ledger")
    @Clustered(Placement.SINGLETON)
    public static class Ledger implements LedgerApi {
        private int total;

        @Override
        public int add(int amount) {
            total += amount;
            return total;
        }
    }

    /** A shelf's client interface. */
    public interface ShelfApi {
        List<String> put(String item);
    }

    /** A shelf per key, on the key's owner. */
    @GenServer("shelf")
    @Keyed
    @Clustered(Placement.SHARDED)
    public static class Shelf implements ShelfApi {
        private final List<String> items = new ArrayList<>();

        @ServerKey
        String key;

        @Override
        public List<String> put(String item) {
            items.add(item);
            return List.copyOf(items);
        }
    }

    private final TestHazelcastInstanceFactory factory = new TestHazelcastInstanceFactory();
    private HazelcastInstance first;
    private HazelcastInstance second;

    @BeforeEach
    void members() {
        String cluster = "actuator-" + System.nanoTime();
        first = factory.newHazelcastInstance(ClusteredGenServersTest.config(cluster));
        second = factory.newHazelcastInstance(ClusteredGenServersTest.config(cluster));
        await().atMost(Duration.ofSeconds(60)).until(() -> first.getCluster().getMembers().size() == 2
                && second.getCluster().getMembers().size() == 2
                && first.getPartitionService().isClusterSafe() && second.getPartitionService().isClusterSafe());
    }

    @AfterEach
    void shutdown() {
        factory.shutdownAll();
    }

    private static ApplicationContextRunner member(HazelcastInstance hazelcast, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                        GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                        GenServerClusterAutoConfiguration.class, GenServerObservabilityAutoConfiguration.class,
                        GenServersEndpointAutoConfiguration.class, GenServerClusterActuatorAutoConfiguration.class))
                .withBean(HazelcastInstance.class, () -> hazelcast, bd -> bd.setDestroyMethodName(""))
                .withUserConfiguration(Ledger.class, Shelf.class)
                .withPropertyValues("genserver.cluster.enabled=true", "genserver.cluster.takeover-delay=1s",
                        "genserver.cluster.call-timeout=30s", "management.endpoints.web.exposure.include=genservers")
                .withPropertyValues(properties);
    }

    private static String memberId(AssertableApplicationContext context) {
        return context.getBean(ClusterNode.class).member();
    }

    private static List<PlacedServerDescriptor> placed(AssertableApplicationContext context) {
        List<PlacedServerDescriptor> placed = context.getBean(GenServersEndpoint.class).genServers().placed();
        assertThat(placed).as("the placed section of a cluster member").isNotNull();
        return placed;
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
    @SuppressWarnings("unchecked")
    void eachMemberListsWhatItHostsWithItsMemberAndMasksTheState() {
        member(first).run(a -> {
            assertThat(a).hasNotFailed();
            member(second, "management.endpoint.genservers.show-values=always").run(b -> {
                assertThat(b).hasNotFailed();
                String idA = memberId(a);
                String idB = memberId(b);
                assertThat(b.getBean(LedgerApi.class).add(5)).isEqualTo(5);
                String onA = keyOwnedBy(a.getBean(ClusterNode.class), idA);
                String onB = keyOwnedBy(a.getBean(ClusterNode.class), idB);
                KeyedServers<ShelfApi> shelves = a.getBean(KeyedServers.class);
                shelves.get(onA).put("cup");
                shelves.get(onB).put("jar");

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(placed(a)).extracting(PlacedServerDescriptor::name, PlacedServerDescriptor::placement,
                                    PlacedServerDescriptor::member, PlacedServerDescriptor::instancesHere)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("ledger", "singleton", idA, 1L),
                                    org.assertj.core.groups.Tuple.tuple("shelf", "sharded", idA, 1L));
                    assertThat(placed(b)).extracting(PlacedServerDescriptor::name, PlacedServerDescriptor::placement,
                                    PlacedServerDescriptor::member, PlacedServerDescriptor::instancesHere)
                            .as("b sees where the singleton runs, and counts its own shelves")
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("ledger", "singleton", idA, 0L),
                                    org.assertj.core.groups.Tuple.tuple("shelf", "sharded", idB, 1L));
                });
                assertThat(placed(b).getFirst().process()).as("the singleton runs elsewhere").isNull();
                WorkerDescriptor ledger = placed(a).getFirst().process();
                assertThat(ledger.name()).isEqualTo("ledger");
                assertThat(ledger.member()).isEqualTo(idA);
                assertThat(ledger.placement()).isEqualTo("singleton");
                assertThat(ledger.className()).isEqualTo(Ledger.class.getName());
                assertThat(placed(a).get(1).className()).isEqualTo(Shelf.class.getName());
                assertThat(ledger.status()).isEqualTo("running");
                assertThat(ledger.messagesHandled()).isEqualTo(1);
                assertThat(ledger.state()).as("the list never shows state").isNull();

                // by name: state masked on a (show-values not set), shown on b (always)
                WorkerDescriptor ledgerByName = (WorkerDescriptor) a.getBean(GenServersEndpoint.class)
                        .genServer("ledger");
                assertThat(ledgerByName.member()).isEqualTo(idA);
                assertThat(ledgerByName.state()).isEqualTo(GenServersEndpoint.MASK);
                assertThat(a.getBean(GenServersEndpoint.class).genServerInstance("shelf", onA).member())
                        .isEqualTo(idA);
                WorkerDescriptor shelfOnB = b.getBean(GenServersEndpoint.class).genServerInstance("shelf", onB);
                assertThat(shelfOnB.member()).isEqualTo(idB);
                assertThat(shelfOnB.placement()).isEqualTo("sharded");
                assertThat(shelfOnB.state()).isNotEqualTo(GenServersEndpoint.MASK).isNotNull();
                assertThat(b.getBean(GenServersEndpoint.class).genServer("ledger"))
                        .as("the singleton does not run on b").isNull();

                // the cluster names are not registered in the local runtimes: no clash with a local name
                assertThat(a.getBean(ProcessRuntime.class).whereis("ledger")).isEmpty();
                assertThat(b.getBean(ProcessRuntime.class).whereis("shelf[" + onB + "]")).isEmpty();
            });
        });
    }

    @Test
    void afterTheHostCrashesTheNewHostReportsTheSingleton() {
        member(first).run(a -> {
            assertThat(a).hasNotFailed();
            member(second).run(b -> {
                assertThat(b).hasNotFailed();
                String idA = memberId(a);
                String idB = memberId(b);
                assertThat(b.getBean(LedgerApi.class).add(1)).isEqualTo(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> placed(a).stream()
                        .anyMatch(p -> p.name().equals("ledger") && idA.equals(p.member()) && p.process() != null));
                assertThat(placed(b)).filteredOn(p -> p.name().equals("ledger")).singleElement()
                        .satisfies(p -> assertThat(p.member()).as("seen from b").isEqualTo(idA));

                first.getLifecycleService().terminate(); // a crash: no graceful leave

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(placed(b)).filteredOn(p -> p.name().equals("ledger")).singleElement()
                            .satisfies(p -> {
                                assertThat(p.member()).isEqualTo(idB);
                                assertThat(p.process()).isNotNull();
                                assertThat(p.process().member()).isEqualTo(idB);
                            });
                });
                assertThat(b.getBean(LedgerApi.class).add(1)).as("a fresh incarnation").isEqualTo(1);
                WorkerDescriptor byName = (WorkerDescriptor) b.getBean(GenServersEndpoint.class).genServer("ledger");
                assertThat(byName.member()).isEqualTo(idB);
            });
        });
    }
}
