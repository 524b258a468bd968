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
import javax.sql.DataSource;
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
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * W13, ours: durable state (issue 12, contract §16). Calls per second to a keyed {@code @Durable}
 * server in a running Spring application (the GenServer and durable-state auto-configurations,
 * the state in a {@code JdbcStateStore}), one platform-thread caller, each call an
 * {@code increment()} on the counter of a random key among {@value #KEYS} (all activated first):
 * write-through ({@code through*}: one store write before each reply) and write-behind
 * ({@code behind*}: the 1 s default delay, one snapshot and write per key and second), on H2 and
 * on PostgreSQL, beside the same server without {@code @Durable} ({@code w13_memory}, the
 * in-memory reference of the write-behind target). The floor of write-through, a plain JDBC upsert
 * loop on the same databases, is {@code FloorJdbcUpsertBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsPrepend = "-Xmx1g")
public class OursDurableKeyedBenchmark {

    /** How many keys the calls are spread over. */
    static final int KEYS = 1000;

    /** The application: the GenServer and durable-state auto-configurations, and the counters. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ GenServerRuntimeAutoConfiguration.class, GenServerAutoConfiguration.class,
            GenServerKeyedAutoConfiguration.class, DurableStateAutoConfiguration.class })
    @Import({ DurableCounters.ThroughCounter.class, DurableCounters.BehindCounter.class,
            DurableCounters.MemoryCounter.class })
    public static class App {
    }

    /** A running application on one database, and its counters, every key activated. */
    public abstract static class Application {
        DurableDatabases database;
        ConfigurableApplicationContext app;
        KeyedServers<CounterApi> through;
        KeyedServers<CounterApi> behind;
        KeyedServers<CounterApi> memory;

        void start(String kind) {
            database = DurableDatabases.start(kind);
            DataSource dataSource = database.dataSource();
            app = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).logStartupInfo(false)
                    .initializers(ctx -> ctx.getBeanFactory().registerSingleton("dataSource", dataSource))
                    .run();
            KeyedServerManager keyed = app.getBean(KeyedServerManager.class);
            through = keyed.servers("throughCounter", CounterApi.class);
            behind = keyed.servers("behindCounter", CounterApi.class);
            memory = keyed.servers("memoryCounter", CounterApi.class);
            for (int k = 0; k < KEYS; k++) {
                through.get(k).increment();
                behind.get(k).increment();
                memory.get(k).increment();
            }
        }

        /** Stops the application, then the database. */
        @TearDown(Level.Trial)
        public void stop() {
            try {
                if (app != null) {
                    app.close();
                }
            } finally {
                database.close();
            }
        }
    }

    /** The application on a fresh in-memory H2 database. */
    @State(Scope.Benchmark)
    public static class OnH2 extends Application {
        /** Starts it. */
        @Setup(Level.Trial)
        public void start() {
            start("h2");
        }
    }

    /** The application on an embedded PostgreSQL. */
    @State(Scope.Benchmark)
    public static class OnPostgres extends Application {
        /** Starts it. */
        @Setup(Level.Trial)
        public void start() {
            start("postgres");
        }
    }

    private static long call(KeyedServers<CounterApi> counters) {
        return counters.get(ThreadLocalRandom.current().nextInt(KEYS)).increment();
    }

    /**
     * The same keyed server without {@code @Durable}: the in-memory reference.
     *
     * @param app the application (its database is not used by this server)
     * @return the counter's value
     */
    @Benchmark
    public long w13_memory(OnH2 app) {
        return call(app.memory);
    }

    /**
     * Write-behind on H2.
     *
     * @param app the application
     * @return the counter's value
     */
    @Benchmark
    public long w13_behindH2(OnH2 app) {
        return call(app.behind);
    }

    /**
     * Write-through on H2: one store write before each reply.
     *
     * @param app the application
     * @return the counter's value
     */
    @Benchmark
    public long w13_throughH2(OnH2 app) {
        return call(app.through);
    }

    /**
     * Write-behind on PostgreSQL.
     *
     * @param app the application
     * @return the counter's value
     */
    @Benchmark
    public long w13_behindPostgres(OnPostgres app) {
        return call(app.behind);
    }

    /**
     * Write-through on PostgreSQL: one store write before each reply.
     *
     * @param app the application
     * @return the counter's value
     */
    @Benchmark
    public long w13_throughPostgres(OnPostgres app) {
        return call(app.through);
    }
}
