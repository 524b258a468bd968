package dev.genserver.cluster.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.Clustered;
import dev.genserver.cluster.Placement;
import dev.genserver.cluster.hazelcast.HazelcastEngine;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.HandleCast;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.ServerKey;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @Clustered} {@code @GenServer}s in Spring contexts that are members of one cluster (two
 * contexts in this JVM, on Hazelcast's mock network): typed proxies, {@code KeyedServers} and
 * {@code GenServers} reach a singleton or a key's instance on whatever member runs it; LOCAL
 * servers stay per member; a type that cannot cross members fails the startup naming the method;
 * with clustering off the same servers run locally and no Hazelcast class is needed (contract §17.9).
 */
class ClusteredGenServersTest {

    // ---------------------------------------------------------------- the application

    /** An item: a record, encoded against its declared type. */
    public record Item(String name, int quantity) {
    }

    /** What the counter answers: its total, its items, and the member that handled the call. */
    public record Tally(long total, List<Item> items, String member) {
    }

    /** A by-name request. */
    public record Peek() {
    }

    /** A by-name cast. */
    public record Bump(int by) {
    }

    /** A business outcome the counter declares. */
    public static class OutOfStockException extends Exception {
        public OutOfStockException(String message) {
            super(message);
        }
    }

    /** The counter's client interface. */
    public interface CounterApi {
        Tally add(Item item);

        Tally take(Item item) throws OutOfStockException;

        Map<String, List<Item>> byName();

        void clear();
    }

    /** One counter in the cluster. */
    @GenServer("counter")
    @Clustered(Placement.SINGLETON)
    public static class Counter implements CounterApi {
        private final String member;
        private final List<Item> items = new ArrayList<>();
        private long total;

        Counter(@Value("${member}") String member) {
            this.member = member;
        }

        @Override
        public Tally add(Item item) {
            items.add(item);
            total += item.quantity();
            return new Tally(total, List.copyOf(items), member);
        }

        @Override
        public Tally take(Item item) throws OutOfStockException {
            if (item.quantity() > total) {
                throw new OutOfStockException("only " + total + " left, " + item.quantity() + " asked");
            }
            total -= item.quantity();
            return new Tally(total, List.copyOf(items), member);
        }

        @Override
        public Map<String, List<Item>> byName() {
            Map<String, List<Item>> map = new java.util.TreeMap<>();
            items.forEach(i -> map.computeIfAbsent(i.name(), n -> new ArrayList<>()).add(i));
            return map;
        }

        @Override
        public void clear() {
            items.clear();
            total = 0;
        }

        @HandleCall
        Tally peek(Peek peek) {
            return new Tally(total, List.copyOf(items), member);
        }

        @HandleCast
        void bump(Bump bump) {
            total += bump.by();
        }
    }

    /** A cart per user. */
    public interface CartApi {
        List<String> add(String item);

        String where();
    }

    /** One cart per user, on the user's owner. */
    @GenServer("cart")
    @Keyed
    @Clustered(Placement.SHARDED)
    public static class Cart implements CartApi {
        private final String member;
        private final List<String> items = new ArrayList<>();

        @ServerKey
        String user;

        Cart(@Value("${member}") String member) {
            this.member = member;
        }

        @Override
        public List<String> add(String item) {
            items.add(item);
            return List.copyOf(items);
        }

        @Override
        public String where() {
            return user + "@" + member;
        }
    }

    /** A local server's interface. */
    public interface LocalApi {
        String where();
    }

    /** Not clustered: one per member, as without clustering. */
    @GenServer("local")
    public static class Local implements LocalApi {
        private final String member;

        Local(@Value("${member}") String member) {
            this.member = member;
        }

        @Override
        public String where() {
            return member;
        }
    }

    // ---------------------------------------------------------------- bad applications

    /** Takes an open Object and a Supplier. */
    public interface LooseApi {
        String put(Object anything);

        void later(Supplier<String> work);

        List<?> all();

        String risky() throws UnbuildableException;
    }

    /** An exception the caller's member could not rebuild. */
    public static class UnbuildableException extends Exception {
        public UnbuildableException(int code) {
            super("code " + code);
        }
    }

    /** Cannot be clustered: its client methods have types that cannot cross members. */
    @GenServer("loose")
    @Clustered(Placement.SINGLETON)
    public static class Loose implements LooseApi {
        @Override
        public String put(Object anything) {
            return "";
        }

        @Override
        public void later(Supplier<String> work) {
        }

        @Override
        public List<?> all() {
            return List.of();
        }

        @Override
        public String risky() {
            return "";
        }
    }

    /** A sharded server whose key field is a Long. */
    @GenServer("ledger")
    @Keyed
    @Clustered(Placement.SHARDED)
    public static class Ledger implements LocalApi {
        @ServerKey
        Long account;

        @Override
        public String where() {
            return "";
        }
    }

    /** SHARDED without @Keyed. */
    @GenServer("lonely")
    @Clustered(Placement.SHARDED)
    public static class Lonely implements LocalApi {
        @Override
        public String where() {
            return "";
        }
    }

    // ---------------------------------------------------------------- the cluster

    // a graceful leave (the context closing) shuts a member down: fresh members for every test
    private final TestHazelcastInstanceFactory factory = new TestHazelcastInstanceFactory();
    private HazelcastInstance first;
    private HazelcastInstance second;

    @BeforeEach
    void members() {
        String cluster = "spring-" + System.nanoTime();
        first = factory.newHazelcastInstance(config(cluster));
        second = factory.newHazelcastInstance(config(cluster));
        await().atMost(Duration.ofSeconds(60)).until(() -> first.getCluster().getMembers().size() == 2
                && second.getCluster().getMembers().size() == 2
                && first.getPartitionService().isClusterSafe() && second.getPartitionService().isClusterSafe());
    }

    @AfterEach
    void shutdown() {
        factory.shutdownAll();
    }

    static Config config(String clusterName) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.partition.count", "31");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.operation.thread.count", "2");
        config.setProperty("hazelcast.operation.generic.thread.count", "1");
        config.setProperty("hazelcast.event.thread.count", "1");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        return HazelcastEngine.configure(config);
    }

    private static ApplicationContextRunner member(String name, HazelcastInstance hazelcast, Class<?>... servers) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                        GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                        GenServerClusterAutoConfiguration.class))
                .withBean(HazelcastInstance.class, () -> hazelcast, bd -> bd.setDestroyMethodName(""))
                .withUserConfiguration(servers)
                .withPropertyValues("genserver.cluster.enabled=true", "genserver.cluster.takeover-delay=1s",
                        "genserver.cluster.call-timeout=30s", "member=" + name);
    }

    private static final Class<?>[] APP = {Counter.class, Cart.class, Local.class};

    /** Two members: the first (the oldest) hosts the singleton. */
    private void twoMembers(ContextPair test) {
        member("a", first, APP).run(a -> {
            assertThat(a).hasNotFailed();
            member("b", second, APP).run(b -> {
                assertThat(b).hasNotFailed();
                test.run(a, b);
            });
        });
    }

    private interface ContextPair {
        void run(AssertableApplicationContext a, AssertableApplicationContext b) throws Exception;
    }

    private static String memberId(AssertableApplicationContext context) {
        return context.getBean(ClusterNode.class).member();
    }

    // ---------------------------------------------------------------- tests

    @Test
    void aProxyCallReachesTheSingletonOnWhateverMemberRunsIt() {
        twoMembers((a, b) -> {
            CounterApi fromB = b.getBean(CounterApi.class);
            CounterApi fromA = a.getBean(CounterApi.class);
            // the singleton may still be starting (its fencing token written while b's join moves
            // partitions): a cast refused meanwhile is routed again and may be overtaken by a later
            // call from another member (contract §17.3), so the order below holds once it runs
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> a.getBean(ClusterNode.class).localInstance("counter", null).isPresent());
            fromA.clear();
            Tally t1 = fromB.add(new Item("pen", 2));
            Tally t2 = fromA.add(new Item("book", 1));
            Tally t3 = fromB.add(new Item("pen", 3));
            assertThat(t1.member()).isEqualTo("a");
            assertThat(t3).isEqualTo(new Tally(6, List.of(new Item("pen", 2), new Item("book", 1),
                    new Item("pen", 3)), "a"));
            assertThat(t2.total()).isEqualTo(3);
            // a declared exception comes back as itself, from the remote member as from the local one
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> fromB.take(new Item("pen", 99))))
                    .isInstanceOf(OutOfStockException.class).hasMessage("only 6 left, 99 asked");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> fromA.take(new Item("pen", 99))))
                    .isInstanceOf(OutOfStockException.class).hasMessage("only 6 left, 99 asked");
            assertThat(fromB.take(new Item("pen", 1)).total()).isEqualTo(5);
            // generic replies decoded against the declared type, not as maps
            Map<String, List<Item>> byName = fromB.byName();
            assertThat(byName.get("pen")).containsExactly(new Item("pen", 2), new Item("pen", 3));
            // one instance in the cluster, run by the first member, not by the local trees
            assertThat(a.getBean(ClusterNode.class).localInstance("counter", null)).isPresent();
            assertThat(b.getBean(ClusterNode.class).localInstance("counter", null)).isEmpty();
            assertThat(b.getBean(ProcessRuntime.class).whereis("counter")).isEmpty();
            assertThat(a.getBean(ProcessRuntime.class).whereis("counter")).isEmpty();
        });
    }

    @Test
    void genServersCallCastAndSendByNameReachTheRemoteSingleton() {
        twoMembers((a, b) -> {
            a.getBean(CounterApi.class).clear();
            GenServers genServers = b.getBean(GenServers.class);
            genServers.cast("counter", new Bump(2));
            genServers.sync("counter", Duration.ofSeconds(30));
            genServers.cast("counter", new Bump(3));
            // casts and calls from one member arrive in order: the call sees the cast
            Tally t = genServers.call("counter", new Peek());
            assertThat(t).isEqualTo(new Tally(5, List.of(), "a"));
            assertThat(genServers.<Tally>callAsync("counter", new Peek()).get().member()).isEqualTo("a");
            assertThat(genServers.whereis("counter")).get().extracting(r -> r.<Tally>call(new Peek()).total())
                    .isEqualTo(5L);
            // process operations work where it runs, and say where it runs elsewhere
            assertThat(a.getBean(GenServers.class).ref("counter").isAlive()).isTrue();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> genServers.ref("counter").suspend()))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("runs on member "
                            + memberId(a));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void keyedServersReachEachKeyOnItsOwner() {
        twoMembers((a, b) -> {
            ClusterNode node = b.getBean(ClusterNode.class);
            String ownedByA = key(node, memberId(a));
            String ownedByB = key(node, memberId(b));
            KeyedServers<CartApi> cartsOfB = b.getBean(KeyedServers.class);
            KeyedServers<CartApi> cartsOfA = a.getBean(KeyedServers.class);
            assertThat(cartsOfB.get(ownedByA).where()).isEqualTo(ownedByA + "@a");
            assertThat(cartsOfA.get(ownedByB).where()).isEqualTo(ownedByB + "@b");
            // the same cart from both members
            cartsOfA.get(ownedByA).add("book");
            assertThat(cartsOfB.get(ownedByA).add("pen")).containsExactly("book", "pen");
            cartsOfB.get(ownedByB).add("ink");
            assertThat(cartsOfA.get(ownedByB).add("cap")).containsExactly("ink", "cap");
            assertThat(cartsOfA.running()).containsExactly(
                    a.getBean(ClusterNode.class).localInstance("cart", ownedByA).orElseThrow());
            assertThat(cartsOfB.whereis(ownedByA)).isPresent();
            // no keyed instance runs in the local trees
            assertThat(a.getBean(ProcessRuntime.class).whereis("keyed.cart")).isEmpty();
        });
    }

    private static String key(ClusterNode node, String owner) {
        for (int i = 0; ; i++) {
            String key = "user-" + i;
            if (node.ownerOf(key).orElse("").equals(owner)) {
                return key;
            }
        }
    }

    @Test
    void localServersStayOnePerMember() {
        twoMembers((a, b) -> {
            assertThat(a.getBean(LocalApi.class).where()).isEqualTo("a");
            assertThat(b.getBean(LocalApi.class).where()).isEqualTo("b");
            assertThat(a.getBean(ProcessRuntime.class).whereis("local")).isPresent();
            assertThat(b.getBean(ProcessRuntime.class).whereis("local")).isPresent();
        });
    }

    @Test
    void aTypeThatCannotCrossMembersFailsTheStartupNamingTheMethod() {
        member("a", first, Loose.class).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("LooseApi.put(Object) parameter 1 (Object): an open Object could be any class")
                .hasMessageContaining("LooseApi.later(Supplier) parameter 1 (Supplier<String>): "
                        + "java.util.function.Supplier is an interface with no known subtype")
                .hasMessageContaining("LooseApi.all() return type (List<?>): in List<?> element: a wildcard has no concrete type")
                .hasMessageContaining("LooseApi.risky() throws UnbuildableException: " + UnbuildableException.class.getName()
                        + " has no (String) or no-argument constructor"));
    }

    @Test
    void aShardedServerNeedsAKeyedServerAndAStringKey() {
        member("a", first, Ledger.class).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("@ServerKey field Ledger.account is a Long")
                .hasMessageContaining("declare the field as String"));
        member("a", first, Lonely.class).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("lonely (" + Lonely.class.getName()
                        + ") is @Clustered(SHARDED) but not @Keyed"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void clusteringOffRunsTheSameServersLocallyWithoutHazelcast() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                        GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                        GenServerClusterAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("com.hazelcast"))
                .withUserConfiguration(APP)
                .withPropertyValues("genserver.cluster.enabled=false", "member=solo")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ClusterNode.class);
                    assertThat(context.getBean(CounterApi.class).add(new Item("pen", 1)).member()).isEqualTo("solo");
                    assertThat(context.getBean(ProcessRuntime.class).whereis("counter")).isPresent();
                    assertThat(context.getBean(KeyedServers.class).get("ann")).isInstanceOfSatisfying(CartApi.class,
                            cart -> assertThat(cart.where()).isEqualTo("ann@solo"));
                });
    }
}
