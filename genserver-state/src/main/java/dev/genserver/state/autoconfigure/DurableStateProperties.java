package dev.genserver.state.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Durable state ({@code genserver.state.*}): where {@link dev.genserver.state.Durable} servers keep
 * their state and how.
 */
@ConfigurationProperties("genserver.state")
public class DurableStateProperties {

    /** Which store holds the states: a table through the DataSource, or a Hazelcast map. */
    public enum StoreType {
        /** {@link dev.genserver.state.jdbc.JdbcStateStore}, on the application's DataSource. */
        JDBC,
        /** {@link dev.genserver.state.hazelcast.HazelcastStateStore}, on the application's HazelcastInstance. */
        HAZELCAST
    }

    /**
     * Which store holds the states. Unset: jdbc when the application has a DataSource, else
     * hazelcast when it has a HazelcastInstance.
     */
    private StoreType store;

    /** The write-behind delay of servers whose @Durable(delay) is not set. */
    private Duration writeBehindDelay = Duration.ofSeconds(1);

    /** The JDBC store. */
    private final Jdbc jdbc = new Jdbc();

    /** The Hazelcast store. */
    private final Hazelcast hazelcast = new Hazelcast();

    /** The health contributor of the store. */
    private final Health health = new Health();

    public StoreType getStore() {
        return store;
    }

    public void setStore(StoreType store) {
        this.store = store;
    }

    public Duration getWriteBehindDelay() {
        return writeBehindDelay;
    }

    public void setWriteBehindDelay(Duration writeBehindDelay) {
        if (writeBehindDelay == null || (writeBehindDelay.isZero() || writeBehindDelay.isNegative())) {
            throw new InvalidConfigurationPropertyValueException("genserver.state.write-behind-delay", writeBehindDelay,
                    "the write-behind delay must be positive");
        }
        this.writeBehindDelay = writeBehindDelay;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Hazelcast getHazelcast() {
        return hazelcast;
    }

    public Health getHealth() {
        return health;
    }

    /** The JDBC store. */
    public static class Jdbc {

        /** The table of the states (letters, digits and underscores, optionally schema.table). */
        private String table = "genserver_state";

        /** Whether the table is created on first use when it does not exist ("create table if not exists"). */
        private boolean createTable = true;

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
                throw new InvalidConfigurationPropertyValueException("genserver.state.jdbc.table", table,
                        "it is not a plain SQL table name (letters, digits, underscores, optionally schema.table)");
            }
            this.table = table;
        }

        public boolean isCreateTable() {
            return createTable;
        }

        public void setCreateTable(boolean createTable) {
            this.createTable = createTable;
        }
    }

    /** The Hazelcast store. */
    public static class Hazelcast {

        /** The map of the states; configure its backup-count in Hazelcast's configuration (1 by default). */
        private String map = "genserver-state";

        public String getMap() {
            return map;
        }

        public void setMap(String map) {
            if (map == null || map.isBlank()) {
                throw new InvalidConfigurationPropertyValueException("genserver.state.hazelcast.map", map,
                        "the map name must not be blank");
            }
            this.map = map;
        }
    }

    /** The genserverState health contributor (off with management.health.genserver-state.enabled=false). */
    public static class Health {

        /** The status reported when the store cannot be reached: DOWN, or for example OUT_OF_SERVICE or UNKNOWN. */
        private String unreachableStatus = "DOWN";

        public String getUnreachableStatus() {
            return unreachableStatus;
        }

        public void setUnreachableStatus(String unreachableStatus) {
            if (unreachableStatus == null || unreachableStatus.isBlank()) {
                throw new InvalidConfigurationPropertyValueException("genserver.state.health.unreachable-status",
                        unreachableStatus, "the status must not be blank (DOWN, OUT_OF_SERVICE, UNKNOWN, ...)");
            }
            this.unreachableStatus = unreachableStatus;
        }
    }
}
