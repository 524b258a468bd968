package dev.genserver.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** A real database that a test can make unreachable: every new connection fails while it is down. */
final class FlakyDataSource extends DelegatingDataSource {

    private volatile boolean down;
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

    FlakyDataSource(DataSource target) {
        super(target);
    }

    void down(boolean down) {
        this.down = down;
    }

    /** How many connections were taken so far (one per statement outside a transaction, one per batch). */
    int connections() {
        return connections.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        connections.incrementAndGet();
        if (down) {
            throw new SQLTransientConnectionException("connection refused (the test took the database down)");
        }
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }
}
