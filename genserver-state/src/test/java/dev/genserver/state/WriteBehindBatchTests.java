package dev.genserver.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.state.autoconfigure.DurableStateAutoConfiguration;
import dev.genserver.state.fixtures.Tally;
import dev.genserver.state.fixtures.TallyApi;
import dev.genserver.state.jdbc.JdbcStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Write-behind's rounds (contract §16.3): the snapshots of windows that close together are
 * written in one {@link StateStore#writeAll}, each row's outcome goes to its own instance, and a
 * key that keeps changing is written in every window.
 */
class WriteBehindBatchTests {

    private JdbcStateStore jdbc;
    private RecordingStore store;

    @BeforeEach
    void freshTable() {
        jdbc = new JdbcStateStore(Databases.h2(), Databases.freshTable(), true, Clock.systemUTC());
        store = new RecordingStore(jdbc);
    }

    private ApplicationContextRunner app(String delay) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                        GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                        DurableStateAutoConfiguration.class))
                .withUserConfiguration(Tally.class)
                .withBean(StateStore.class, () -> store)
                .withPropertyValues("test.tally.delay=" + delay, "genserver.on-give-up=keep-running");
    }

    private static KeyedServers<TallyApi> tallies(ApplicationContext ctx) {
        return ctx.getBean(KeyedServerManager.class).servers("tally", TallyApi.class);
    }

    private Optional<String> stored(String key) {
        return jdbc.load(new StateKey("tally", key)).map(StoredState::json);
    }

    private long revision(String key) {
        return jdbc.load(new StateKey("tally", key)).map(StoredState::revision).orElse(0L);
    }

    @Test
    void theWindowsOfManyKeysClosingTogetherAreWrittenInOneBatch() {
        // a 3 s delay: rounds 300 ms apart; 50 casts sent in a burst open their windows in one or two rounds
        app("3s").run(ctx -> {
            KeyedServers<TallyApi> tallies = tallies(ctx);
            for (int k = 0; k < 50; k++) {
                assertThat(tallies.get("k" + k).count()).isZero();   // activated: nothing to write
            }
            assertThat(store.single.get()).isZero();
            for (int k = 0; k < 50; k++) {
                tallies.get("k" + k).increment();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> store.written() == 50);
            for (int k = 0; k < 50; k++) {
                assertThat(stored("k" + k)).contains("{\"count\":1}");
            }
            // one or two rounds (a third, or a snapshot written alone, only if this thread or a server
            // was descheduled for most of a round); never one write per key
            assertThat(store.batches).as("writeAll sizes").hasSizeBetween(1, 5);
            assertThat(store.single.get()).as("writes one by one").isZero();
        });
    }

    @Test
    void aConflictInABatchCrashesOnlyTheInstanceOfThatRow() {
        app("300ms").run(ctx -> {
            KeyedServers<TallyApi> tallies = tallies(ctx);
            tallies.get("a").increment();
            tallies.get("b").increment();
            await().atMost(Duration.ofSeconds(20)).until(() -> stored("a").isPresent() && stored("b").isPresent());
            // a second owner of b (a zombie's rival) wrote it since
            jdbc.write(new StateKey("tally", "b"), 1, "{\"count\":99}", 1);
            tallies.get("a").increment();
            tallies.get("b").increment();
            DurableStates states = ctx.getBean(DurableStates.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> states.server("tally").orElseThrow().conflicts() == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> stored("a").equals(Optional.of("{\"count\":2}")));
            // b's restart read the newer state; nothing of the refused write was stored; a kept running
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> tallies.get("b").count() == 99);
            assertThat(stored("b")).contains("{\"count\":99}");
            assertThat(tallies.get("a").count()).isEqualTo(2);
            DurableServerStatus status = states.server("tally").orElseThrow();
            assertThat(status.conflicts()).isEqualTo(1);
            assertThat(status.storeErrors()).isZero();
            assertThat(status.lastError()).contains("state of tally[b]").contains("was written by another instance");
        });
    }

    @Test
    void aKeyThatKeepsChangingIsWrittenInEveryWindow() {
        app("100ms").run(ctx -> {
            TallyApi t = tallies(ctx).get("hot");
            // messages keep coming: each window's snapshot is taken while the next change opens the
            // next window, which the write of the previous one must leave open
            int sent = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (revision("hot") < 4 && System.nanoTime() < deadline) {
                t.increment();
                assertThat(t.count()).isEqualTo(++sent);
            }
            assertThat(revision("hot")).as("writes while messages kept coming (" + sent + ")").isGreaterThanOrEqualTo(4);
            int last = t.count();
            await().atMost(Duration.ofSeconds(20)).until(() -> stored("hot").equals(Optional.of("{\"count\":" + last
                    + "}")));
        });
    }

    /** The JDBC store, recording how it is asked to write. */
    static final class RecordingStore implements StateStore {
        private final StateStore target;
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        final AtomicInteger single = new AtomicInteger();

        RecordingStore(StateStore target) {
            this.target = target;
        }

        int written() {
            return batches.stream().mapToInt(Integer::intValue).sum() + single.get();
        }

        @Override
        public Optional<StoredState> load(StateKey key) {
            return target.load(key);
        }

        @Override
        public long write(StateKey key, int version, String json, long expectedRevision) {
            single.incrementAndGet();
            return target.write(key, version, json, expectedRevision);
        }

        @Override
        public List<StateStoreException> writeAll(List<Write> writes) {
            List<StateStoreException> outcomes = target.writeAll(writes);
            batches.add(writes.size());
            return outcomes;
        }

        @Override
        public void check() {
            target.check();
        }

        @Override
        public String describe() {
            return target.describe();
        }
    }
}
