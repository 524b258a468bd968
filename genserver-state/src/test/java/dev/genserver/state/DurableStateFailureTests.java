package dev.genserver.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.state.autoconfigure.DurableStateAutoConfiguration;
import dev.genserver.state.fixtures.Basket;
import dev.genserver.state.fixtures.Gauge;
import dev.genserver.state.fixtures.BasketApi;
import dev.genserver.state.fixtures.Tally;
import dev.genserver.state.fixtures.TallyApi;
import dev.genserver.state.fixtures.Wallet;
import dev.genserver.state.fixtures.WalletApi;
import dev.genserver.state.jdbc.JdbcStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * What a crash, a kill or a failing store can lose, per write mode (contract §16.4), on H2.
 */
class DurableStateFailureTests {

    private FlakyDataSource database;
    private String table;
    private JdbcStateStore store;

    @BeforeEach
    void freshTable() {
        database = new FlakyDataSource(Databases.h2());
        table = Databases.freshTable();
        store = new JdbcStateStore(database, table, true, Clock.systemUTC());
    }

    private ApplicationContextRunner app(Class<?>... servers) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                        GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                        DurableStateAutoConfiguration.class))
                .withUserConfiguration(servers)
                .withBean(DataSource.class, () -> database)
                .withPropertyValues("genserver.state.jdbc.table=" + table, "genserver.on-give-up=keep-running",
                        "genserver.supervisors.root.max-restarts=1000", "genserver.supervisors.root.period=1s");
    }

    private static <T> KeyedServers<T> keyed(ApplicationContext ctx, String name, Class<T> api) {
        return ctx.getBean(KeyedServerManager.class).servers(name, api);
    }

    @Test
    void aCrashStormWithWriteThroughLosesNoAcknowledgedUpdate() throws Exception {
        app(Wallet.class).run(ctx -> {
            WalletApi wallet = ctx.getBean(WalletApi.class);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean storming = new AtomicBoolean(true);
            CountDownLatch crashes = new CountDownLatch(20);
            Thread crasher = Thread.ofVirtual().start(() -> {
                while (storming.get()) {
                    try {
                        wallet.crash();
                    } catch (RuntimeException expected) {
                        crashes.countDown();
                    }
                }
            });
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                clients.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 100; i++) {
                        String id = client + "-" + i;
                        try {
                            wallet.deposit(id, 1);
                            acknowledged.add(id);
                        } catch (RuntimeException crashedMeanwhile) {
                            // not acknowledged: may or may not be stored
                        }
                    }
                }));
            }
            for (Thread t : clients) {
                t.join();
            }
            assertThat(crashes.await(30, TimeUnit.SECONDS)).isTrue();
            storming.set(false);
            crasher.join();
            assertThat(acknowledged).hasSizeGreaterThan(0);
            // a fresh instance reads the store: every acknowledged deposit is there
            assertThatThrownBy(wallet::crash).isInstanceOf(CallFailedException.class);
            assertThat(wallet.deposits()).containsAll(acknowledged);
            assertThat(wallet.balance()).isEqualTo(wallet.deposits().size());
            assertThat(store.load(new StateKey("wallet", "")).orElseThrow().json()).contains(acknowledged);
        });
    }

    @Test
    void writeThroughWithTheStoreDownMidRunFailsTheCallAndKeepsTheLastWrittenState() {
        app(Wallet.class).run(ctx -> {
            WalletApi wallet = ctx.getBean(WalletApi.class);
            wallet.deposit("a", 1);
            database.down(true);
            assertThatThrownBy(() -> wallet.deposit("b", 1))
                    .isInstanceOf(CallFailedException.class)
                    .hasRootCauseInstanceOf(java.sql.SQLTransientConnectionException.class)
                    .hasStackTraceContaining("StateStoreException: jdbc (table " + table + ") failed writing the "
                            + "state of wallet");
            database.down(false);
            // not acknowledged, not written: the restarted server has only "a"
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> wallet.deposits().equals(Set.of("a")));
            wallet.deposit("c", 1);
            assertThat(wallet.deposits()).containsExactlyInAnyOrder("a", "c");
            DurableServerStatus status = ctx.getBean(DurableStates.class).server("wallet").orElseThrow();
            assertThat(status.storeErrors()).isGreaterThanOrEqualTo(1);
            assertThat(status.lastError()).contains("the state of wallet");
        });
    }

    @Test
    void aKeyStartedWhileTheStoreIsDownFailsClearlyAndWorksOnceItIsBack() {
        app(Basket.class).run(ctx -> {
            KeyedServers<BasketApi> baskets = keyed(ctx, "basket", BasketApi.class);
            baskets.get("ann").add("apple", 1);
            assertThat(baskets.get("ann").items()).containsEntry("apple", 1);
            database.down(true);
            assertThatThrownBy(() -> baskets.get("bob").items())
                    .hasStackTraceContaining("StateStoreException: jdbc (table " + table + ") failed reading the "
                            + "state of basket[bob]");
            database.down(false);
            assertThat(baskets.get("bob").items()).isEmpty();
            assertThat(baskets.get("ann").items()).containsEntry("apple", 1);
        });
    }

    @Test
    void aServerStartedWhileTheStoreIsDownFailsTheStartupClearly() {
        database.down(true);
        app(Wallet.class).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasStackTraceContaining("failed reading the state of wallet");
        });
    }

    @Test
    void writeBehindLosesWhatAKillCatchesUnwrittenAndAnOrderlyStopWritesIt() {
        app(Tally.class).run(ctx -> {
            KeyedServers<TallyApi> tallies = keyed(ctx, "tally", TallyApi.class);
            ProcessRuntime runtime = ctx.getBean(ProcessRuntime.class);
            DurableStates states = ctx.getBean(DurableStates.class);
            TallyApi killed = tallies.get("killed");
            killed.increment();
            killed.increment();
            assertThat(killed.count()).isEqualTo(2);
            assertThat(states.server("tally").orElseThrow().pendingWrites()).isEqualTo(1);
            // a kill runs no terminate: the 2 increments waited for the (1 h) delay and are lost
            ServerRef ref = tallies.whereis("killed").orElseThrow();
            runtime.exit(ref, ExitReason.KILL);
            // the next call reaches a fresh instance (the killed one is dead at once), which read the store
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> killed.count() == 0);
            assertThat(store.load(new StateKey("tally", "killed"))).isEmpty();

            // an orderly stop (passivation, shutdown, hand-off) writes them
            TallyApi stopped = tallies.get("stopped");
            stopped.increment();
            assertThat(stopped.count()).isEqualTo(1);
            assertThat(tallies.stop("stopped")).isTrue();
            assertThat(store.load(new StateKey("tally", "stopped")).orElseThrow().json()).isEqualTo("{\"count\":1}");
            assertThat(stopped.count()).isEqualTo(1);

            // flush writes them at once, the instance keeps running
            TallyApi flushed = tallies.get("flushed");
            flushed.increment();
            assertThat(flushed.count()).isEqualTo(1);
            assertThat(states.flush("tally[flushed]")).isTrue();
            assertThat(store.load(new StateKey("tally", "flushed")).orElseThrow().json()).isEqualTo("{\"count\":1}");
        });
    }

    @Test
    void writeBehindWritesWithinTheDelayAndOnPassivation() {
        app(Tally.class).withPropertyValues("test.tally.delay=100ms", "test.tally.idle-timeout=300ms").run(ctx -> {
            KeyedServers<TallyApi> tallies = keyed(ctx, "tally", TallyApi.class);
            TallyApi t = tallies.get("t");
            for (int i = 0; i < 5; i++) {
                t.increment();
            }
            assertThat(t.count()).isEqualTo(5);
            await().atMost(Duration.ofSeconds(20)).until(() -> store.load(new StateKey("tally", "t"))
                    .map(s -> s.json().equals("{\"count\":5}")).orElse(false));
            assertThat(store.load(new StateKey("tally", "t")).orElseThrow().revision()).isLessThanOrEqualTo(5);
            t.increment();
            await().atMost(Duration.ofSeconds(20)).until(() -> tallies.whereis("t").isEmpty());
            assertThat(store.load(new StateKey("tally", "t")).orElseThrow().json()).isEqualTo("{\"count\":6}");
            assertThat(t.count()).isEqualTo(6);
        });
    }

    @Test
    void aFailedWriteBehindCrashesTheServerWhichReadsTheStoreAgain() {
        app(Tally.class).withPropertyValues("test.tally.delay=50ms").run(ctx -> {
            KeyedServers<TallyApi> tallies = keyed(ctx, "tally", TallyApi.class);
            TallyApi t = tallies.get("t");
            t.increment();
            await().atMost(Duration.ofSeconds(20)).until(() -> store.load(new StateKey("tally", "t")).isPresent());
            ServerRef first = tallies.whereis("t").orElseThrow();
            database.down(true);
            t.increment();
            await().atMost(Duration.ofSeconds(20)).until(() -> !first.isAlive());
            database.down(false);
            // the unwritten increment is lost; the fresh instance read count 1
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> t.count() == 1);
            assertThat(ctx.getBean(DurableStates.class).server("tally").orElseThrow().storeErrors()).isPositive();
        });
    }

    @Test
    void aRowDeletedUnderARunningInstanceIsAConflictAndTheInstanceStartsAgainFromNothing() {
        app(Wallet.class).run(ctx -> {
            WalletApi wallet = ctx.getBean(WalletApi.class);
            wallet.deposit("a", 5);
            assertThat(store.load(new StateKey("wallet", ""))).isPresent();
            // what an application's expiry job does (contract §16.9)
            org.springframework.jdbc.core.simple.JdbcClient.create(database)
                    .sql("delete from " + table + " where server_name = ?").param("wallet").update();
            assertThatThrownBy(() -> wallet.deposit("b", 1)).isInstanceOf(CallFailedException.class)
                    .hasStackTraceContaining("StateConflictException");
            // the restarted instance read nothing: the deleted state is not written back
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> wallet.balance() == 0);
            wallet.deposit("c", 2);
            assertThat(wallet.balance()).isEqualTo(2);
            assertThat(store.load(new StateKey("wallet", "")).orElseThrow().revision()).isEqualTo(1);
        });
    }

    @Test
    void aServerThatIsNotDurableIsLeftAlone() {
        app(dev.genserver.state.fixtures.Plain.class).run(ctx -> {
            assertThat(ctx.getBean(GenServers.class).<Integer>call("plain", "get")).isZero();
            assertThat(ctx.getBean(DurableStates.class).servers()).isEmpty();
        });
    }

    @Test
    void aWriteBehindCrashLosesTheChangesSinceTheLastSnapshotAndNeverStoresTheHalfChangedState() {
        app(Tally.class).run(ctx -> {
            DurableStates states = ctx.getBean(DurableStates.class);
            TallyApi t = keyed(ctx, "tally", TallyApi.class).get("t");
            t.increment();
            assertThat(states.flush("tally[t]")).isTrue();          // a snapshot with count 1, written
            t.increment();
            t.increment();
            assertThat(t.count()).isEqualTo(3);
            assertThatThrownBy(t::crash).isInstanceOf(CallFailedException.class);
            // the 2 increments after the snapshot waited for the (1 h) window: lost, as by a kill;
            // the crashed handler's +1000 is never stored
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> t.count() == 1);
            assertThat(store.load(new StateKey("tally", "t")).orElseThrow().json()).isEqualTo("{\"count\":1}");
        });
    }

    @Test
    void writeBehindTurnsTheStateIntoJsonOncePerWindowNotOncePerMessage() {
        app(Gauge.class).run(ctx -> {
            DurableStates states = ctx.getBean(DurableStates.class);
            TallyApi t = keyed(ctx, "gauge", TallyApi.class).get("g");
            assertThat(t.count()).isZero();   // activated: its init took the snapshots it compares with
            int before = Gauge.snapshots();
            for (int i = 0; i < 100; i++) {
                t.increment();
            }
            assertThat(t.count()).isEqualTo(100);
            // 102 messages handled and no snapshot: the window (1 h) is not over
            assertThat(Gauge.snapshots() - before).isZero();
            assertThat(states.server("gauge").orElseThrow().pendingWrites()).isEqualTo(1);
            assertThat(states.flush("gauge[g]")).isTrue();
            assertThat(Gauge.snapshots() - before).isEqualTo(1);
            assertThat(states.server("gauge").orElseThrow().pendingWrites()).isZero();
            assertThat(store.load(new StateKey("gauge", "g")).orElseThrow().json())
                    .isEqualTo("{\"level\":{\"value\":100}}");
        });
    }

    @Test
    void aReplySentInsideTheHandlerWaitsForTheWriteItAcknowledges() {
        app(dev.genserver.state.fixtures.Ledger.class).run(ctx -> {
            GenServers servers = ctx.getBean(GenServers.class);
            assertThat(servers.<String>call("ledger", new dev.genserver.state.fixtures.Ledger.Post("a")))
                    .isEqualTo("posted");
            database.down(true);
            // the handler replied "posted" before the write failed: the caller gets the failure instead
            assertThatThrownBy(() -> servers.call("ledger", new dev.genserver.state.fixtures.Ledger.Post("b")))
                    .isInstanceOf(CallFailedException.class)
                    .hasStackTraceContaining("failed writing the state of ledger");
            database.down(false);
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> List.of("a").equals(
                    servers.call("ledger", new dev.genserver.state.fixtures.Ledger.Entries())));
        });
    }
}
