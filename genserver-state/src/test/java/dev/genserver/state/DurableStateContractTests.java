package dev.genserver.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.state.autoconfigure.DurableStateAutoConfiguration;
import dev.genserver.state.fixtures.Basket;
import dev.genserver.state.fixtures.BasketApi;
import dev.genserver.state.fixtures.Wallet;
import dev.genserver.state.fixtures.WalletApi;
import dev.genserver.state.jdbc.JdbcStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * What every database must do for durable state (contract §16), run on H2 and on a real
 * PostgreSQL: the state survives a crash, a passivation and an application restart; older
 * snapshots are migrated; a newer one, corrupt JSON and a stale writer fail clearly.
 */
abstract class DurableStateContractTests {

    private FlakyDataSource database;
    private String table;
    private JdbcStateStore store;

    /** The database under test. */
    abstract DataSource dataSource();

    @BeforeEach
    void freshTable() {
        database = new FlakyDataSource(dataSource());
        table = Databases.freshTable();
        store = new JdbcStateStore(database, table, true, Clock.systemUTC());
    }

    ApplicationContextRunner app(Class<?>... servers) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                        GenServerRuntimeAutoConfiguration.class, GenServerAutoConfiguration.class,
                        GenServerKeyedAutoConfiguration.class, DurableStateAutoConfiguration.class))
                .withUserConfiguration(servers)
                .withBean(DataSource.class, () -> database)
                .withPropertyValues("genserver.state.jdbc.table=" + table, "genserver.on-give-up=keep-running",
                        "genserver.supervisors.root.max-restarts=100");
    }

    static KeyedServers<BasketApi> baskets(ApplicationContext ctx) {
        return ctx.getBean(KeyedServerManager.class).servers("basket", BasketApi.class);
    }

    static String fixture(String name) {
        try {
            return new ClassPathResource("fixtures/" + name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aCrashedServerRestartsWithItsLastWrittenState() {
        app(Wallet.class).run(ctx -> {
            WalletApi wallet = ctx.getBean(WalletApi.class);
            wallet.deposit("a", 10);
            wallet.deposit("b", 5);
            assertThatThrownBy(wallet::crash).isInstanceOf(CallFailedException.class);
            assertThat(wallet.balance()).isEqualTo(15);
            assertThat(wallet.deposits()).containsExactlyInAnyOrder("a", "b");
            assertThat(store.load(new StateKey("wallet", ""))).get()
                    .satisfies(s -> assertThat(s.revision()).isEqualTo(2));
        });
    }

    @Test
    void aPassivatedKeyIsActivatedWithItsState() {
        app(Basket.class).withPropertyValues("test.basket.idle-timeout=200ms").run(ctx -> {
            KeyedServers<BasketApi> baskets = baskets(ctx);
            baskets.get("ann").add("apple", 2);
            assertThat(baskets.get("ann").items()).containsEntry("apple", 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> baskets.whereis("ann").isEmpty());
            assertThat(baskets.get("ann").items()).containsExactly(Map.entry("apple", 2));
            assertThat(baskets.get("bob").items()).isEmpty();
        });
    }

    @Test
    void anApplicationRestartFindsEveryState() {
        app(Wallet.class, Basket.class).run(ctx -> {
            ctx.getBean(WalletApi.class).deposit("a", 7);
            baskets(ctx).get("ann").add("pear", 1);
            baskets(ctx).get("bob").add("plum", 3);
            assertThat(baskets(ctx).get("bob").items()).containsEntry("plum", 3);
        });
        app(Wallet.class, Basket.class).run(ctx -> {
            assertThat(ctx.getBean(WalletApi.class).balance()).isEqualTo(7);
            assertThat(baskets(ctx).get("ann").items()).containsExactly(Map.entry("pear", 1));
            assertThat(baskets(ctx).get("bob").items()).containsExactly(Map.entry("plum", 3));
        });
    }

    @Test
    void olderSnapshotsAreMigratedThroughTheChainOnLoad() {
        store.write(new StateKey("basket", "v1"), 1, fixture("basket-v1.json"), 0);
        store.write(new StateKey("basket", "v2"), 2, fixture("basket-v2.json"), 0);
        app(Basket.class).run(ctx -> {
            KeyedServers<BasketApi> baskets = baskets(ctx);
            assertThat(baskets.get("v1").items()).containsOnly(Map.entry("apple", 2), Map.entry("pear", 1));
            assertThat(baskets.get("v1").note()).isEqualTo("migrated for v1");
            assertThat(baskets.get("v2").items()).containsOnly(Map.entry("plum", 4));
            assertThat(baskets.get("v2").note()).isEqualTo("migrated for v2");
            // read only: the old snapshot stays until the state changes, then version 3 is written
            assertThat(store.load(new StateKey("basket", "v2")).orElseThrow().version()).isEqualTo(2);
            baskets.get("v2").add("fig", 1);
            assertThat(baskets.get("v2").items()).containsEntry("fig", 1);
            StoredState written = store.load(new StateKey("basket", "v2")).orElseThrow();
            assertThat(written.version()).isEqualTo(3);
            assertThat(written.revision()).isEqualTo(2);
            assertThat(ctx.getBean(DurableStates.class).server("basket").orElseThrow().migrated()).isEqualTo(2);
        });
    }

    @Test
    void aNewerVersionFailsClearlyAndIsLeftUntouched() {
        String newer = fixture("basket-v4.json");
        store.write(new StateKey("basket", "future"), 4, newer, 0);
        app(Basket.class).run(ctx -> {
            KeyedServers<BasketApi> baskets = baskets(ctx);
            assertThatThrownBy(() -> baskets.get("future").items())
                    .hasStackTraceContaining("StateMigrationException")
                    .hasStackTraceContaining("the stored state of basket[future] is version 4 but "
                            + Basket.class.getName() + " is @StateVersion(3)");
            assertThat(baskets.get("other").items()).isEmpty();
        });
        StoredState kept = store.load(new StateKey("basket", "future")).orElseThrow();
        assertThat(kept.version()).isEqualTo(4);
        assertThat(kept.json()).isEqualTo(newer);
    }

    @Test
    void aFailingMigrationFailsClearlyAndLeavesTheStoredStateUntouched() {
        String bad = fixture("basket-v1-without-products.json");
        store.write(new StateKey("basket", "bad"), 1, bad, 0);
        app(Basket.class).run(ctx -> {
            assertThatThrownBy(() -> baskets(ctx).get("bad").items())
                    .hasStackTraceContaining("StateMigrationException: @MigrateState(from = 1) "
                            + Basket.class.getName() + ".quantities failed on the stored state of basket[bad]")
                    .hasStackTraceContaining("a version 1 basket has a products list");
            assertThat(baskets(ctx).get("good").items()).isEmpty();
        });
        StoredState kept = store.load(new StateKey("basket", "bad")).orElseThrow();
        assertThat(kept.version()).isEqualTo(1);
        assertThat(kept.revision()).isEqualTo(1);
        assertThat(kept.json()).isEqualTo(bad);
    }

    @Test
    void corruptJsonFailsClearlyAndIsLeftUntouched() {
        store.write(new StateKey("basket", "broken"), 3, "{\"items\": {\"apple\": ", 0);
        store.write(new StateKey("basket", "wrong"), 3, "{\"items\": [1, 2]}", 0);
        app(Basket.class).run(ctx -> {
            KeyedServers<BasketApi> baskets = baskets(ctx);
            assertThatThrownBy(() -> baskets.get("broken").items())
                    .hasStackTraceContaining("StateFormatException")
                    .hasStackTraceContaining("the stored state of basket[broken] (version 3, revision 1) cannot be "
                            + "read into " + Basket.class.getName() + ": it is not valid JSON");
            assertThatThrownBy(() -> baskets.get("wrong").items())
                    .hasStackTraceContaining("field items (java.util.Map<java.lang.String, java.lang.Integer>) "
                            + "cannot be read from [1,2]");
            baskets.get("fine").add("kiwi", 1);
            assertThat(baskets.get("fine").items()).containsEntry("kiwi", 1);
        });
        assertThat(store.load(new StateKey("basket", "broken")).orElseThrow().json()).isEqualTo("{\"items\": {\"apple\": ");
    }

    @Test
    void ofTwoInstancesRacingOnOneKeyOneWritesAndTheOtherGetsAConflict() {
        app(Wallet.class).run(first -> app(Wallet.class).run(second -> {
            WalletApi a = first.getBean(WalletApi.class);
            WalletApi b = second.getBean(WalletApi.class);
            // both have read the key (nothing stored yet): revision 0
            assertThat(a.balance()).isZero();
            assertThat(b.balance()).isZero();
            a.deposit("from-a", 1);
            assertThatThrownBy(() -> b.deposit("from-b", 2))
                    .isInstanceOf(CallFailedException.class)
                    .hasRootCauseInstanceOf(StateConflictException.class)
                    .hasStackTraceContaining("state of wallet in jdbc (table " + table + ") was written by another "
                            + "instance: this one read revision 0 but it is now revision 1");
            assertThat(store.load(new StateKey("wallet", "")).orElseThrow().json()).contains("from-a")
                    .doesNotContain("from-b");
            // the loser restarted and read the winner's state; its next write succeeds
            assertThat(b.deposits()).containsExactly("from-a");
            b.deposit("from-b", 2);
            assertThat(store.load(new StateKey("wallet", "")).orElseThrow().revision()).isEqualTo(2);
            assertThat(second.getBean(DurableStates.class).server("wallet").orElseThrow().conflicts()).isEqualTo(1);
        }));
    }

    @Test
    void writeAllSendsTheUpdatesInOneBatchEachRowItsOwnCompareAndSet() {
        List<StateStore.Write> writes = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            StateKey key = new StateKey("tally", "k" + k);
            store.write(key, 1, "{\"count\":0}", 0);
            writes.add(new StateStore.Write(key, 1, "{\"count\":1}", 1));
        }
        store.write(new StateKey("tally", "k7"), 1, "{\"count\":70}", 1);   // another instance wrote k7 since
        int before = database.connections();
        List<StateStoreException> outcomes = store.writeAll(writes);
        assertThat(database.connections() - before).as("connections for 50 updates, k7 refused").isEqualTo(2);
        for (int k = 0; k < 50; k++) {
            StoredState stored = store.load(new StateKey("tally", "k" + k)).orElseThrow();
            if (k == 7) {
                assertThat(outcomes.get(k)).isInstanceOf(StateConflictException.class)
                        .hasMessageContaining("state of tally[k7] in jdbc (table " + table + ") was written by another "
                                + "instance: this one read revision 1 but it is now revision 2");
                assertThat(stored.json()).isEqualTo("{\"count\":70}");
            } else {
                assertThat(outcomes.get(k)).as("k" + k).isNull();
                assertThat(stored.json()).isEqualTo("{\"count\":1}");
                assertThat(stored.revision()).isEqualTo(2);
            }
        }
    }

    @Test
    void writeAllInsertsFirstWritesAndReportsARowTheDatabaseRefusesForThatRowAlone() {
        store.write(new StateKey("tally", "a"), 1, "{\"count\":0}", 0);
        store.write(new StateKey("tally", "b"), 1, "{\"count\":0}", 0);
        store.write(new StateKey("tally", "taken"), 1, "{\"count\":0}", 0);
        org.springframework.jdbc.core.simple.JdbcClient.create(database)
                .sql("alter table " + table + " add constraint " + table + "_poison check (state <> 'poison')").update();
        List<StateStoreException> outcomes = store.writeAll(List.of(
                new StateStore.Write(new StateKey("tally", "a"), 1, "{\"count\":1}", 1),
                new StateStore.Write(new StateKey("tally", "b"), 1, "poison", 1),
                new StateStore.Write(new StateKey("tally", "new"), 1, "{\"count\":5}", 0),
                new StateStore.Write(new StateKey("tally", "taken"), 1, "{\"count\":9}", 0)));
        assertThat(outcomes.get(0)).isNull();
        assertThat(outcomes.get(1)).isNotNull().isNotInstanceOf(StateConflictException.class)
                .hasMessageContaining("failed writing the state of tally[b]");
        assertThat(outcomes.get(2)).isNull();
        assertThat(outcomes.get(3)).isInstanceOf(StateConflictException.class);
        assertThat(store.load(new StateKey("tally", "a")).orElseThrow().json()).isEqualTo("{\"count\":1}");
        assertThat(store.load(new StateKey("tally", "b")).orElseThrow().revision()).isEqualTo(1);
        assertThat(store.load(new StateKey("tally", "new")).orElseThrow().json()).isEqualTo("{\"count\":5}");
        assertThat(store.load(new StateKey("tally", "taken")).orElseThrow().json()).isEqualTo("{\"count\":0}");
    }
}
