package dev.genserver.benchmarks.durable;

import dev.genserver.benchmarks.durable.DurableCounters.CounterApi;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.state.StateKey;
import dev.genserver.state.StateStore;
import dev.genserver.state.StoredState;
import dev.genserver.state.jdbc.JdbcStateStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * W13's load-independent check (not a JMH benchmark): what write-behind asks of PostgreSQL per
 * call, read from the database's own statistics ({@code pg_stat_database.xact_commit},
 * {@code pg_stat_user_tables.n_tup_upd}). The application of {@link OursDurableKeyedBenchmark} on
 * the embedded PostgreSQL, one caller, alternately on the in-memory counter and on the
 * write-behind one, a few seconds each; printed per phase: calls/s, commits/s, rows updated/s and
 * commits per 1,000 calls. With {@code one-by-one}, the store writes each snapshot alone (the
 * {@link StateStore#writeAll} default), as write-behind did before its rounds were batched.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.genserver.benchmarks.durable.DurableRoundTrips [batched|one-by-one] [seconds]
 * }</pre>
 */
public final class DurableRoundTrips {

    private DurableRoundTrips() {
    }

    /** The JDBC store with {@link StateStore#writeAll}'s default: one write, one commit per snapshot. */
    private record OneByOne(StateStore target) implements StateStore {
        @Override
        public Optional<StoredState> load(StateKey key) {
            return target.load(key);
        }

        @Override
        public long write(StateKey key, int version, String json, long expectedRevision) {
            return target.write(key, version, json, expectedRevision);
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

    /**
     * Runs the phases.
     *
     * @param args {@code batched} (the default) or {@code one-by-one}, then the seconds per phase (8)
     * @throws InterruptedException when interrupted between phases
     */
    public static void main(String[] args) throws InterruptedException {
        String mode = args.length > 0 ? args[0] : "batched";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        if (!mode.equals("batched") && !mode.equals("one-by-one")) {
            throw new IllegalArgumentException("unknown mode " + mode + "; batched or one-by-one");
        }
        try (DurableDatabases database = DurableDatabases.start("postgres")) {
            DataSource dataSource = database.dataSource();
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OursDurableKeyedBenchmark.App.class)
                    .web(WebApplicationType.NONE).logStartupInfo(false)
                    .initializers(ctx -> {
                        ctx.getBeanFactory().registerSingleton("dataSource", dataSource);
                        if (mode.equals("one-by-one")) {
                            ctx.getBeanFactory().registerSingleton("stateStore", new OneByOne(new JdbcStateStore(
                                    dataSource, JdbcStateStore.DEFAULT_TABLE, true, Clock.systemUTC())));
                        }
                    })
                    .run()) {
                KeyedServerManager keyed = app.getBean(KeyedServerManager.class);
                KeyedServers<CounterApi> behind = keyed.servers("behindCounter", CounterApi.class);
                KeyedServers<CounterApi> memory = keyed.servers("memoryCounter", CounterApi.class);
                for (int k = 0; k < OursDurableKeyedBenchmark.KEYS; k++) {
                    behind.get(k).increment();
                    memory.get(k).increment();
                }
                JdbcClient db = JdbcClient.create(dataSource);
                Thread.sleep(2_500);   // the activations' first writes are done
                for (int phase = 0; phase < 6; phase++) {
                    boolean writeBehind = phase % 2 == 1;
                    run(mode, writeBehind ? "behind" : "memory", writeBehind ? behind : memory, db, seconds);
                }
            }
        }
    }

    private static void run(String mode, String name, KeyedServers<CounterApi> counters, JdbcClient db, int seconds)
            throws InterruptedException {
        long commits = commits(db);
        long rows = rows(db);
        long start = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            counters.get(ThreadLocalRandom.current().nextInt(OursDurableKeyedBenchmark.KEYS)).increment();
            calls++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Thread.sleep(1_200);   // the statistics of the last writes arrive
        commits = commits(db) - commits;
        rows = rows(db) - rows;
        System.out.printf("%-10s %-6s calls/s %8.0f   commits/s %7.1f   rows updated/s %7.1f   commits per 1000 calls %6.2f%n",
                mode, name, calls / elapsed, commits / elapsed, rows / elapsed, commits * 1000.0 / calls);
    }

    private static long commits(JdbcClient db) {
        db.sql("select pg_stat_force_next_flush()").query().singleRow();
        return db.sql("select xact_commit from pg_stat_database where datname = current_database()")
                .query(Long.class).single();
    }

    private static long rows(JdbcClient db) {
        return db.sql("select coalesce(sum(n_tup_upd), 0) from pg_stat_user_tables where relname = ?")
                .param(JdbcStateStore.DEFAULT_TABLE).query(Long.class).single();
    }
}
