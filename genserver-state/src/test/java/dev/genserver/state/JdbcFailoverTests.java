package dev.genserver.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.cluster.ClusterOptions;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.cluster.QuorumStrategy;
import dev.genserver.cluster.test.InJvmCluster;
import dev.genserver.process.CallFailedException;
import dev.genserver.process.ServerRef;
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
import dev.genserver.state.jdbc.JdbcStateStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Failover of durable servers on the JDBC store (contract §16.5, §16.8), with the published
 * {@link InJvmCluster}: each member is a Spring application whose durable servers (a sharded
 * write-through crate and a write-through singleton, the shelf) keep their state in one table of a
 * database all members share, and are declared to the member's node as built by the Spring layer
 * ({@code ServerSpecs.factory}, as {@code @Clustered} does). A killed owner's singleton and keys are
 * read back on their new owners; an owner paused past failure detection comes back as a zombie
 * whose old instances' writes are conflicts: the newer state is never overwritten. Run on H2 and on
 * the embedded PostgreSQL.
 */
abstract class JdbcFailoverTests {

    private static final List<String> KEYS = IntStream.range(0, 12).mapToObj(i -> "k" + i).toList();

    /** The application of one member: the GenServer and durable-state auto-configurations, a crate and the shelf. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ GenServerRuntimeAutoConfiguration.class, GenServerAutoConfiguration.class,
            GenServerKeyedAutoConfiguration.class, DurableStateAutoConfiguration.class })
    @Import({ Crates.ThroughCrate.class, Crates.BehindCrate.class, Crates.Shelf.class })
    static class MemberApp {
    }

    private final Map<String, ConfigurableApplicationContext> apps = new ConcurrentHashMap<>();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private DataSource database;
    private String table;
    private JdbcStateStore store;
    private InJvmCluster cluster;

    /** The database every member shares (called once per test). */
    abstract DataSource dataSource();

    @BeforeEach
    void start() {
        database = dataSource();
        table = Databases.freshTable();
        store = new JdbcStateStore(database, table, true, Clock.systemUTC());
        // AUTO quorum with two members: a member cut off keeps its instances (a zombie), so only the
        // revision check stands between it and the new owner's state
        ClusterOptions options = ClusterOptions.defaults().withTakeoverDelay(Duration.ofSeconds(1))
                .withStableAfter(Duration.ofSeconds(2)).withCallTimeout(Duration.ofSeconds(20))
                .withQuorum(QuorumStrategy.AUTO);
        cluster = new InJvmCluster(options, this::servers);
    }

    @AfterEach
    void stop() {
        gates.values().forEach(Gate::open);
        try {
            cluster.close();
        } finally {
            apps.values().forEach(ConfigurableApplicationContext::close);
        }
    }

    /** A member's application and its clustered servers, built by the Spring layer. */
    private List<ClusteredServer> servers(String member) {
        Gate gate = new Gate(database);
        gates.put(member, gate);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(MemberApp.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("dataSource", gate))
                .properties("spring.main.banner-mode=off", "genserver.state.jdbc.table=" + table)
                .run();
        apps.put(member, app);
        ServerSpecs specs = app.getBean(ServerSpecs.class);
        ServerDefinitions definitions = app.getBean(ServerDefinitions.class);
        ServerDefinition crate = definitions.byName("throughCrate").orElseThrow();
        ServerDefinition behind = definitions.byName("behindCrate").orElseThrow();
        ServerDefinition shelf = definitions.byName("shelf").orElseThrow();
        return List.of(
                ClusteredServer.sharded("throughCrate", key -> specs.factory(crate, "throughCrate[" + key + "]", key)
                        .get()).accepting(Put.class, Look.class, Contents.class),
                ClusteredServer.sharded("behindCrate", key -> specs.factory(behind, "behindCrate[" + key + "]", key)
                        .get()).accepting(Put.class, Look.class, Contents.class),
                ClusteredServer.singleton("shelf", token -> specs.factory(shelf, "shelf", null).get())
                        .accepting(Put.class, Look.class, Contents.class));
    }

    private static List<String> items(InJvmCluster.Member via, String key) {
        Contents c = key == null ? via.node().singleton("shelf").call(new Look())
                : via.node().shard("throughCrate", key).call(new Look());
        return c.items();
    }

    private static List<String> put(InJvmCluster.Member via, String key, String item) {
        Contents c = key == null ? via.node().singleton("shelf").call(new Put(item))
                : via.node().shard("throughCrate", key).call(new Put(item));
        return c.items();
    }

    private String stored(String server, String key) {
        return store.load(new StateKey(server, key)).map(StoredState::json).orElse(null);
    }

    private List<String> ownedBy(InJvmCluster.Member owner, InJvmCluster.Member via) {
        return KEYS.stream().filter(k -> owner.id().equals(via.node().ownerOf(k).orElse(null))).toList();
    }

    @Test
    void theSingletonAndTheKeysOfAKilledOwnerAreReadBackOnTheirNewOwners() {
        InJvmCluster.Member m1 = cluster.join();
        InJvmCluster.Member m2 = cluster.join();
        InJvmCluster.Member m3 = cluster.join();
        assertThat(put(m2, null, "one")).containsExactly("one");
        for (String key : KEYS) {
            assertThat(put(m2, key, "one")).containsExactly("one");
        }
        assertThat(m1.node().localInstance("shelf", null)).as("the singleton runs on the oldest member").isPresent();
        List<String> onM1 = ownedBy(m1, m2);
        assertThat(onM1).isNotEmpty();

        cluster.kill(m1);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> items(m2, null).equals(List.of("one")));
        for (String key : KEYS) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> items(m3, key).equals(List.of("one")));
        }
        // the new owners write on from the revision they read
        assertThat(put(m3, null, "two")).containsExactly("one", "two");
        for (String key : onM1) {
            assertThat(put(m3, key, "two")).containsExactly("one", "two");
            assertThat(store.load(new StateKey("throughCrate", key)).orElseThrow().revision()).isEqualTo(2);
        }
        assertThat(store.load(new StateKey("shelf", "")).orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void aPausedOwnerComingBackAsAZombieCannotOverwriteTheNewOwnersState() {
        InJvmCluster.Member m1 = cluster.join();
        InJvmCluster.Member m2 = cluster.join();
        assertThat(put(m2, null, "one")).containsExactly("one");
        for (String key : KEYS) {
            assertThat(put(m2, key, "one")).containsExactly("one");
        }
        List<String> onM1 = ownedBy(m1, m2);
        assertThat(onM1).isNotEmpty();
        ServerRef oldShelf = m1.node().localInstance("shelf", null).orElseThrow();
        ServerRef oldCrate = m1.node().localInstance("throughCrate", onM1.getFirst()).orElseThrow();

        // m1 stops answering: m2 counts it out and takes its singleton and keys over, reading the state
        cluster.pause(m1);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> put(m2, null, "two").equals(List.of("one", "two")));
        for (String key : onM1) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> put(m2, key, "two").equals(List.of("one", "two")));
        }
        assertThat(stored("shelf", "")).isEqualTo("{\"items\":[\"one\",\"two\"]}");

        // the zombie's instances still run (two members: no quorum to lose) and still hold revision 1
        assertThat(oldShelf.isAlive()).isTrue();
        assertThatThrownBy(() -> oldShelf.call(new Put("zombie")))
                .isInstanceOf(CallFailedException.class)
                .hasRootCauseInstanceOf(StateConflictException.class)
                .hasStackTraceContaining("state of shelf in jdbc (table " + table + ") was written by another "
                        + "instance: this one read revision 1 but it is now revision 2");
        assertThatThrownBy(() -> oldCrate.call(new Put("zombie")))
                .isInstanceOf(CallFailedException.class)
                .hasRootCauseInstanceOf(StateConflictException.class);
        assertThat(stored("shelf", "")).isEqualTo("{\"items\":[\"one\",\"two\"]}");
        assertThat(stored("throughCrate", onM1.getFirst())).isEqualTo("{\"items\":[\"one\",\"two\"]}");
        DurableStates zombie = apps.get(m1.name()).getBean(DurableStates.class);
        assertThat(zombie.server("shelf").orElseThrow().conflicts()).isEqualTo(1);

        // it comes back and the cluster merges. Its old instances may own their keys again and still
        // answer reads from their old state, but none can write it: the first change through one is a
        // conflict, after which its restart reads the newer state (contract §16.8)
        cluster.resume(m1);
        await().atMost(Duration.ofSeconds(60)).until(() -> m2.hazelcast().getCluster().getMembers().size() == 2);
        for (String key : onM1) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> put(m2, key, "three").equals(List.of("one", "two", "three")));
            assertThat(stored("throughCrate", key)).isEqualTo("{\"items\":[\"one\",\"two\",\"three\"]}");
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> put(m2, null, "three").equals(List.of("one", "two", "three")));
        assertThat(stored("shelf", "")).isEqualTo("{\"items\":[\"one\",\"two\",\"three\"]}");
    }

    /**
     * Contract §16.8 and §17.5's release handshake, the guarantee asked of the cluster's hand-off: when a member
     * joins, a key that moves to it is stopped on the old owner (whose terminate writes the
     * write-behind state) before it starts on the new one (whose init reads it), so no handled
     * change is lost. The old owner's writes are held at a gate to make the order visible: a call
     * the new owner answers while the old owner's terminate is still writing must not come from a
     * fresh instance that read nothing.
     */
    @Test
    void aKeyMovingToAJoiningMemberStartsThereOnlyOnceTheOldOwnerHasWrittenIt() throws Exception {
        InJvmCluster.Member m1 = cluster.join();
        for (String key : KEYS) {
            assertThat(m1.node().shard("behindCrate", key).<Contents>call(new Put("one")).items())
                    .containsExactly("one");
        }
        assertThat(KEYS).allSatisfy(key -> assertThat(stored("behindCrate", key)).isNull());   // 1 h delay
        gates.get(m1.name()).close();
        InJvmCluster.Member m2 = cluster.join();
        List<String> moved = ownedBy(m2, m1);
        assertThat(moved).isNotEmpty();
        Gate gate = gates.get(m1.name());
        await().atMost(Duration.ofSeconds(30)).until(() -> gate.waiting() > 0);   // a terminate is writing
        String key = moved.getFirst();
        CompletableFuture<List<String>> look = CompletableFuture.supplyAsync(() -> m2.node()
                .shard("behindCrate", key).<Contents>call(new Look()).items());
        try {
            assertThat(look.get(5, TimeUnit.SECONDS)).as("answered while the old owner was writing")
                    .containsExactly("one");
        } catch (TimeoutException waitingForTheHandOff) {
            // the new owner waits for the old one's stop: the order asked for
        } finally {
            gate.open();
        }
        assertThat(look.get(30, TimeUnit.SECONDS)).containsExactly("one");
        for (String k : moved) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> m2.node().shard("behindCrate", k)
                    .<Contents>call(new Look()).items().equals(List.of("one")));
            assertThat(stored("behindCrate", k)).isEqualTo("{\"items\":[\"one\"]}");
        }
    }

    /** A member's view of the database, whose new connections can be held until it opens. */
    static final class Gate extends DelegatingDataSource {
        private volatile CountDownLatch open = new CountDownLatch(0);
        private final AtomicInteger waiting = new AtomicInteger();

        Gate(DataSource target) {
            super(target);
        }

        void close() {
            open = new CountDownLatch(1);
        }

        void open() {
            open.countDown();
        }

        int waiting() {
            return waiting.get();
        }

        @Override
        public Connection getConnection() throws SQLException {
            CountDownLatch latch = open;
            if (latch.getCount() > 0) {
                waiting.incrementAndGet();
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted at the test's gate", e);
                } finally {
                    waiting.decrementAndGet();
                }
            }
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }
}
