package dev.genserver.state;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The databases the tests run on: a fresh in-memory H2 database, or the embedded PostgreSQL (one per JVM). */
final class Databases {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Databases() {
    }

    /** A new, empty H2 database that lives until the JVM exits. */
    static DataSource h2() {
        return new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:state" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** A real PostgreSQL, started by the first test that needs it, stopped when the JVM exits. */
    static synchronized DataSource postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres.getPostgresDatabase();
    }

    /** A table name no other test uses. */
    static String freshTable() {
        return "state_" + NEXT.incrementAndGet();
    }
}
