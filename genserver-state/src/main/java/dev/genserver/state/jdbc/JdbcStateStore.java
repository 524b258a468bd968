package dev.genserver.state.jdbc;

import dev.genserver.state.StateConflictException;
import dev.genserver.state.StateKey;
import dev.genserver.state.StateStore;
import dev.genserver.state.StateStoreException;
import dev.genserver.state.StoredState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link StateStore} in one table of a relational database, through Spring's {@link JdbcClient}:
 * one row per state, the JSON as text, the version of the class that wrote it, and a revision
 * column for optimistic concurrency ({@code update ... where revision = ?}). Works on H2 and
 * PostgreSQL (and any database that accepts the DDL below).
 *
 * <p>{@link #writeAll} (write-behind's flush) sends the updates of states already stored as one
 * JDBC batch of {@code update ... where revision = ?} in one transaction: one round trip and one
 * commit for all of them; each row's update count tells whether that row was written (1) or is a
 * conflict (0). The first write of a key (an insert) is sent alone. When the batch fails (a row the
 * database refuses, the connection lost), it is rolled back and its writes are sent one by one, so
 * each failure is reported for its own key and the others are written; so it is when the driver
 * does not report per-row counts.
 *
 * <p>The table is created on first use when {@code createTable} is set (the default of
 * {@code genserver.state.jdbc.create-table}); otherwise create it yourself:
 *
 * <pre>{@code
 * create table if not exists genserver_state (
 *     server_name   varchar(200)  not null,
 *     server_key    varchar(500)  not null,
 *     state_version integer       not null,
 *     revision      bigint        not null,
 *     state         text          not null,
 *     updated_at    timestamp with time zone not null,
 *     primary key (server_name, server_key)
 * )
 * }</pre>
 */
public final class JdbcStateStore implements StateStore {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "genserver_state";

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final String table;
    private final boolean createTable;
    private final Clock clock;
    private final String description;
    private volatile boolean tableReady;

    /**
     * Creates the store.
     *
     * @param dataSource the database
     * @param table the table's name (letters, digits and underscores, optionally schema-qualified)
     * @param createTable whether to create the table on first use when it does not exist
     * @param clock the time written with each state
     * @throws IllegalArgumentException when the table name is not a plain SQL name
     */
    public JdbcStateStore(DataSource dataSource, String table, boolean createTable, Clock clock) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("genserver.state.jdbc.table '" + table + "' is not a plain SQL table "
                    + "name (letters, digits, underscores, optionally schema.table); choose another");
        }
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
        this.table = table;
        this.createTable = createTable;
        this.clock = clock;
        this.description = "jdbc (table " + table + ")";
    }

    /**
     * Returns the DDL that creates the table.
     *
     * @param table the table's name
     * @return the {@code create table if not exists} statement
     */
    public static String ddl(String table) {
        return "create table if not exists " + table + " ("
                + "server_name varchar(200) not null, "
                + "server_key varchar(500) not null, "
                + "state_version integer not null, "
                + "revision bigint not null, "
                + "state text not null, "
                + "updated_at timestamp with time zone not null, "
                + "primary key (server_name, server_key))";
    }

    @Override
    public Optional<StoredState> load(StateKey key) {
        try {
            ensureTable(key);
            return jdbc.sql("select state_version, revision, state, updated_at from " + table
                            + " where server_name = ? and server_key = ?")
                    .params(key.server(), key.key())
                    .query((rs, n) -> new StoredState(rs.getInt(1), rs.getLong(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant()))
                    .optional();
        } catch (DataAccessException e) {
            throw failed(key, "reading", e);
        }
    }

    @Override
    public long write(StateKey key, int version, String json, long expectedRevision) {
        Timestamp now = Timestamp.from(clock.instant());
        try {
            ensureTable(key);
            if (expectedRevision == 0) {
                try {
                    jdbc.sql("insert into " + table + " (server_name, server_key, state_version, revision, state, "
                                    + "updated_at) values (?, ?, ?, 1, ?, ?)")
                            .params(key.server(), key.key(), version, json, now)
                            .update();
                    return 1;
                } catch (DuplicateKeyException e) {
                    throw new StateConflictException(key, description, 0, currentRevision(key));
                }
            }
            int rows = jdbc.sql(update())
                    .params(version, expectedRevision + 1, json, now, key.server(), key.key(), expectedRevision)
                    .update();
            if (rows == 0) {
                throw new StateConflictException(key, description, expectedRevision, currentRevision(key));
            }
            return expectedRevision + 1;
        } catch (DataAccessException e) {
            throw failed(key, "writing", e);
        }
    }

    private String update() {
        return "update " + table + " set state_version = ?, revision = ?, state = ?, updated_at = ? "
                + "where server_name = ? and server_key = ? and revision = ?";
    }

    @Override
    public List<@Nullable StateStoreException> writeAll(List<Write> writes) {
        @Nullable StateStoreException[] outcomes = new StateStoreException[writes.size()];
        List<Integer> updates = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            if (w.expectedRevision() == 0) {
                outcomes[i] = writeOne(w);   // an insert: rare (a key's first write), and its conflict is an error
            } else {
                updates.add(i);
            }
        }
        if (updates.size() == 1) {
            outcomes[updates.getFirst()] = writeOne(writes.get(updates.getFirst()));
        } else if (!updates.isEmpty()) {
            int[] counts;
            try {
                ensureTable(writes.get(updates.getFirst()).key());
                counts = batch(updates.stream().map(writes::get).toList());
            } catch (DataAccessException e) {
                counts = null;   // rolled back: nothing of it is written
            }
            for (int u = 0; u < updates.size(); u++) {
                int i = updates.get(u);
                Write w = writes.get(i);
                if (counts == null) {
                    outcomes[i] = writeOne(w);
                } else if (counts[u] == 0) {
                    outcomes[i] = conflict(w);
                }
            }
        }
        return Arrays.asList(outcomes);
    }

    /**
     * The updates in one batch and one transaction.
     *
     * @return each row's update count (0 or 1), or null when the driver did not report them (rolled back)
     */
    private int @Nullable [] batch(List<Write> updates) {
        Timestamp now = Timestamp.from(clock.instant());
        return template.execute((ConnectionCallback<int[]>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try (PreparedStatement ps = con.prepareStatement(update())) {
                for (Write w : updates) {
                    ps.setInt(1, w.version());
                    ps.setLong(2, w.expectedRevision() + 1);
                    ps.setString(3, w.json());
                    ps.setTimestamp(4, now);
                    ps.setString(5, w.key().server());
                    ps.setString(6, w.key().key());
                    ps.setLong(7, w.expectedRevision());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                if (counts.length != updates.size() || Arrays.stream(counts).anyMatch(c -> c != 0 && c != 1)) {
                    con.rollback();   // no per-row counts (SUCCESS_NO_INFO): the caller writes them one by one
                    return null;
                }
                con.commit();
                return counts;
            } catch (SQLException | RuntimeException e) {
                rollback(con, e);
                throw e;
            } finally {
                con.setAutoCommit(autoCommit);
            }
        });
    }

    private static void rollback(Connection con, Exception failure) {
        try {
            con.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private @Nullable StateStoreException writeOne(Write w) {
        try {
            write(w.key(), w.version(), w.json(), w.expectedRevision());
            return null;
        } catch (StateStoreException e) {
            return e;
        }
    }

    private StateStoreException conflict(Write w) {
        try {
            return new StateConflictException(w.key(), description, w.expectedRevision(), currentRevision(w.key()));
        } catch (DataAccessException e) {
            return failed(w.key(), "writing", e);
        }
    }

    private long currentRevision(StateKey key) {
        return jdbc.sql("select revision from " + table + " where server_name = ? and server_key = ?")
                .params(key.server(), key.key()).query(Long.class).optional().orElse(0L);
    }

    @Override
    public void check() {
        StateKey probe = new StateKey("genserver.health", "");
        try {
            ensureTable(probe);
            jdbc.sql("select count(*) from " + table + " where server_name = ?").param(probe.server())
                    .query(Long.class).single();
        } catch (DataAccessException e) {
            throw failed(probe, "checking", e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    private void ensureTable(StateKey key) {
        if (tableReady || !createTable) {
            return;
        }
        synchronized (this) {
            if (!tableReady) {
                jdbc.sql(ddl(table)).update();
                tableReady = true;
            }
        }
    }

    private StateStoreException failed(StateKey key, String what, DataAccessException e) {
        return new StateStoreException(key, description + " failed " + what + " the state of " + key + ": "
                + e.getMostSpecificCause() + "; check that the database is reachable and the table exists"
                + (createTable ? "" : " (genserver.state.jdbc.create-table is false: create it with the DDL in "
                + "JdbcStateStore's documentation)"), e);
    }
}
