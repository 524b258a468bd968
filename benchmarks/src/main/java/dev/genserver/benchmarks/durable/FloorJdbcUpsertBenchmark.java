package dev.genserver.benchmarks.durable;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * W13, floor: a plain JDBC upsert loop, no server: one upsert of a random key's row (of
 * {@value OursDurableKeyedBenchmark#KEYS}) per operation through {@code JdbcClient}, on the same
 * pooled databases as {@link OursDurableKeyedBenchmark}: what one write-through store write per
 * message costs at the least.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = "-Xmx1g")
public class FloorJdbcUpsertBenchmark {

    /** A table of counters on one database, and its upsert. */
    public abstract static class Table {
        DurableDatabases database;
        JdbcClient jdbc;
        String upsert;

        void create(String kind) {
            database = DurableDatabases.start(kind);
            jdbc = JdbcClient.create(database.dataSource());
            jdbc.sql("create table counters (id int primary key, state varchar(200), revision bigint)").update();
            upsert = database.isPostgres()
                    ? "insert into counters (id, state, revision) values (?, ?, ?) on conflict (id) do update "
                            + "set state = excluded.state, revision = excluded.revision"
                    : "merge into counters (id, state, revision) key (id) values (?, ?, ?)";
        }

        int upsert() {
            int key = ThreadLocalRandom.current().nextInt(OursDurableKeyedBenchmark.KEYS);
            return jdbc.sql(upsert).params(key, "{\"value\":" + key + "}", 1L).update();
        }

        /** Drops the database. */
        @TearDown(Level.Trial)
        public void drop() {
            database.close();
        }
    }

    /** The table on a fresh in-memory H2 database. */
    @State(Scope.Benchmark)
    public static class OnH2 extends Table {
        /** Creates it. */
        @Setup(Level.Trial)
        public void create() {
            create("h2");
        }
    }

    /** The table on an embedded PostgreSQL. */
    @State(Scope.Benchmark)
    public static class OnPostgres extends Table {
        /** Creates it. */
        @Setup(Level.Trial)
        public void create() {
            create("postgres");
        }
    }

    /**
     * The floor of write-through on H2.
     *
     * @param table the table
     * @return the rows changed
     */
    @Benchmark
    public int w13_throughH2(OnH2 table) {
        return table.upsert();
    }

    /**
     * The floor of write-through on PostgreSQL.
     *
     * @param table the table
     * @return the rows changed
     */
    @Benchmark
    public int w13_throughPostgres(OnPostgres table) {
        return table.upsert();
    }
}
