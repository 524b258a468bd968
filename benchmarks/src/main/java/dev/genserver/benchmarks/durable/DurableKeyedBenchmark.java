package dev.genserver.benchmarks.durable;

import dev.genserver.benchmarks.durable.DurableCounters.CounterApi;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.state.autoconfigure.DurableStateAutoConfiguration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Durable state (issue 12): messages per second of a durable keyed server on H2, write-through
 * and write-behind, beside the same server without durability (in-memory) and a plain JDBC upsert
 * loop (the floor of write-through: one write per message, no server). Each operation is one call
 * to the counter of a random key among {@link #KEYS}. Not part of the report's workloads; run it
 * on its own: {@code java -jar benchmarks/target/benchmarks.jar DurableKeyedBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DurableKeyedBenchmark {

    /** How many keys the calls are spread over. */
    static final int KEYS = 1000;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    static DataSource h2() {
        return new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:durable-bench-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** The application: the GenServer and durable-state auto-configurations, the counters, H2. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ GenServerRuntimeAutoConfiguration.class, GenServerAutoConfiguration.class,
            GenServerKeyedAutoConfiguration.class, DurableStateAutoConfiguration.class })
    @Import({ DurableCounters.ThroughCounter.class, DurableCounters.BehindCounter.class,
            DurableCounters.MemoryCounter.class })
    public static class App {

        /**
         * The database.
         *
         * @return a fresh in-memory H2 database
         */
        @Bean
        public DataSource dataSource() {
            return h2();
        }
    }

    /** A running application and the counters of one mode. */
    @State(Scope.Benchmark)
    public static class Servers {

        /** {@code through}, {@code behind} or {@code memory}. */
        @Param({ "through", "behind", "memory" })
        public String mode;

        ConfigurableApplicationContext app;
        KeyedServers<CounterApi> counters;

        /** Starts the application and every key's counter. */
        @Setup(Level.Trial)
        public void start() {
            app = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).logStartupInfo(false).run();
            counters = app.getBean(KeyedServerManager.class).servers(mode + "Counter", CounterApi.class);
            for (int k = 0; k < KEYS; k++) {
                counters.get(k).increment();
            }
        }

        /** Stops it. */
        @TearDown(Level.Trial)
        public void stop() {
            app.close();
        }
    }

    /** The floor: a table and a prepared upsert, no server. */
    @State(Scope.Benchmark)
    public static class Table {
        JdbcClient jdbc;

        /** Creates the table. */
        @Setup(Level.Trial)
        public void create() {
            jdbc = JdbcClient.create(h2());
            jdbc.sql("create table counters (id int primary key, state varchar(200), revision bigint)").update();
        }
    }

    /**
     * One call to a random key's counter.
     *
     * @param servers the application
     * @return the counter's value
     */
    @Benchmark
    public long durableKeyedCall(Servers servers) {
        return servers.counters.get(ThreadLocalRandom.current().nextInt(KEYS)).increment();
    }

    /**
     * One upsert of a random key's row, as a write-through store write would do.
     *
     * @param table the table
     * @return the rows changed
     */
    @Benchmark
    public int jdbcUpsertFloor(Table table) {
        int key = ThreadLocalRandom.current().nextInt(KEYS);
        return table.jdbc.sql("merge into counters (id, state, revision) key (id) values (?, ?, ?)")
                .params(key, "{\"value\":" + key + "}", 1L).update();
    }
}
