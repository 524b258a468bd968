package dev.genserver.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the state of {@link Durable} servers is kept: one JSON document per {@link StateKey},
 * with the version of the class that wrote it and a revision for optimistic concurrency.
 * Implementations: {@link dev.genserver.state.jdbc.JdbcStateStore} (one table, H2 or PostgreSQL)
 * and {@link dev.genserver.state.hazelcast.HazelcastStateStore} (an {@code IMap} with backups).
 * Declare a bean of this type to use another store.
 *
 * <p>An implementation is thread-safe; the runtime never writes one key from two threads at once
 * (one server instance owns a key), but two instances of an application may, which the revision
 * check catches.
 */
public interface StateStore {

    /**
     * Reads a state.
     *
     * @param key whose state
     * @return the state, or empty when none was ever written
     * @throws StateStoreException when the store cannot be read
     */
    Optional<StoredState> load(StateKey key);

    /**
     * Writes a state if the stored revision is still the one the writer read (compare and set).
     *
     * @param key whose state
     * @param version the {@link StateVersion} of the writer's class
     * @param json the state, a JSON object
     * @param expectedRevision the revision the writer read, 0 when it found none
     * @return the new revision, {@code expectedRevision + 1}
     * @throws StateConflictException when the stored revision is another one (another instance
     *         wrote the key since): nothing is written
     * @throws StateStoreException when the store cannot be written
     */
    long write(StateKey key, int version, String json, long expectedRevision);

    /**
     * Writes several states at once, each a compare-and-set exactly as {@link #write} (write-behind
     * writes the snapshots due at the same time this way, contract §16.3). A store that can should
     * do it in one round trip; the default writes them one by one. The writes are independent: a
     * refused or failed one leaves the others as they would be without it.
     *
     * @param writes the writes, at most one per key
     * @return one entry per write, in the same order: null when it was written (its new revision
     *         is {@code expectedRevision + 1}), otherwise the {@link StateConflictException} or
     *         {@link StateStoreException} that {@link #write} would have thrown for it alone
     */
    default List<@Nullable StateStoreException> writeAll(List<Write> writes) {
        List<@Nullable StateStoreException> outcomes = new ArrayList<>(writes.size());
        for (Write w : writes) {
            try {
                write(w.key(), w.version(), w.json(), w.expectedRevision());
                outcomes.add(null);
            } catch (StateStoreException e) {
                outcomes.add(e);
            } catch (RuntimeException e) {
                outcomes.add(new StateStoreException(w.key(), "writing the state of " + w.key() + " to " + describe()
                        + " failed: " + e + "; check that the store is reachable", e));
            }
        }
        return outcomes;
    }

    /**
     * Checks that the store can be reached (used by the health indicator).
     *
     * @throws StateStoreException when it cannot
     */
    void check();

    /**
     * Describes the store for Actuator and error messages, for example
     * {@code jdbc (PostgreSQL, table genserver_state)}.
     *
     * @return a short description
     */
    String describe();

    /**
     * One write of {@link #writeAll}: the arguments of {@link #write}.
     *
     * @param key whose state
     * @param version the {@link StateVersion} of the writer's class
     * @param json the state, a JSON object
     * @param expectedRevision the revision the writer read, 0 when it found none
     */
    record Write(StateKey key, int version, String json, long expectedRevision) {
    }
}
