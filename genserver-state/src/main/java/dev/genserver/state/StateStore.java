package dev.genserver.state;

import java.util.Optional;

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
}
