package dev.genserver.benchmarks.durable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The databases of the W13 benchmarks, each behind a connection pool (as an application has one):
 * a fresh in-memory H2 database, or a real PostgreSQL started from Maven Central's embedded
 * binaries (the one the {@code genserver-state} tests use; no installation, no Docker).
 */
final class DurableDatabases implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final EmbeddedPostgres postgres;
    private final HikariDataSource pool;

    private DurableDatabases(EmbeddedPostgres postgres, HikariDataSource pool) {
        this.postgres = postgres;
        this.pool = pool;
    }

    /**
     * Starts a database.
     *
     * @param kind {@code h2} or {@code postgres}
     * @return the running database
     */
    static DurableDatabases start(String kind) {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(4);
        config.setPoolName("w13-" + kind);
        switch (kind) {
            case "h2" -> {
                config.setJdbcUrl("jdbc:h2:mem:w13-" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
                config.setUsername("sa");
                return new DurableDatabases(null, new HikariDataSource(config));
            }
            case "postgres" -> {
                EmbeddedPostgres pg;
                try {
                    pg = EmbeddedPostgres.start();
                } catch (IOException e) {
                    throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
                }
                config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
                return new DurableDatabases(pg, new HikariDataSource(config));
            }
            default -> throw new IllegalArgumentException("unknown database " + kind + "; h2 or postgres");
        }
    }

    /** The pooled data source. */
    DataSource dataSource() {
        return pool;
    }

    /** Whether it is PostgreSQL. */
    boolean isPostgres() {
        return postgres != null;
    }

    @Override
    public void close() {
        pool.close();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
