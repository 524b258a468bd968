package dev.genserver.state.hazelcast;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.genserver.state.StateConflictException;
import dev.genserver.state.StateKey;
import dev.genserver.state.StateStore;
import dev.genserver.state.StateStoreException;
import dev.genserver.state.StoredState;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link StateStore} in a Hazelcast {@link IMap}, for clustered deployments without a database:
 * the map's backups (Hazelcast's default is one synchronous backup; set {@code backup-count} on
 * the map's configuration for more) keep every state when a member is lost. Each entry is a plain
 * string (version, revision, time and JSON, so that every member reads it without classes of
 * ours), and a write is a compare-and-set on it ({@code putIfAbsent}, {@code replace(key, old, new)}).
 */
public final class HazelcastStateStore implements StateStore {

    /** The default map name. */
    public static final String DEFAULT_MAP = "genserver-state";

    private final IMap<String, String> map;
    private final Clock clock;
    private final String description;

    /**
     * Creates the store.
     *
     * @param hazelcast the member or client
     * @param mapName the map's name
     * @param clock the time written with each state
     */
    public HazelcastStateStore(HazelcastInstance hazelcast, String mapName, Clock clock) {
        this.map = hazelcast.getMap(mapName);
        this.clock = clock;
        this.description = "hazelcast (map " + mapName + ")";
    }

    @Override
    public Optional<StoredState> load(StateKey key) {
        try {
            String entry = map.get(entryKey(key));
            return entry == null ? Optional.empty() : Optional.of(decode(key, entry));
        } catch (HazelcastException | IllegalStateException e) {
            throw failed(key, "reading", e);
        }
    }

    @Override
    public long write(StateKey key, int version, String json, long expectedRevision) {
        String k = entryKey(key);
        String next = encode(version, expectedRevision + 1, clock.instant(), json);
        try {
            if (expectedRevision == 0) {
                String existing = map.putIfAbsent(k, next);
                if (existing != null) {
                    throw new StateConflictException(key, description, 0, decode(key, existing).revision());
                }
                return 1;
            }
            String current = map.get(k);
            long actual = current == null ? 0 : decode(key, current).revision();
            if (actual != expectedRevision || !map.replace(k, current, next)) {
                String now = map.get(k);
                throw new StateConflictException(key, description, expectedRevision,
                        now == null ? 0 : decode(key, now).revision());
            }
            return expectedRevision + 1;
        } catch (HazelcastException | IllegalStateException e) {
            throw failed(key, "writing", e);
        }
    }

    @Override
    public void check() {
        StateKey probe = new StateKey("genserver.health", "");
        try {
            map.containsKey(entryKey(probe));
        } catch (HazelcastException | IllegalStateException e) {
            throw failed(probe, "checking", e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /** The server name's length first, so that no two (server, key) pairs share an entry. */
    static String entryKey(StateKey key) {
        return key.server().length() + ":" + key.server() + "/" + key.key();
    }

    /** {@code version;revision;epochMillis;json}. */
    static String encode(int version, long revision, Instant at, String json) {
        return version + ";" + revision + ";" + at.toEpochMilli() + ";" + json;
    }

    static StoredState decode(StateKey key, String entry) {
        String[] parts = entry.split(";", 4);
        try {
            return new StoredState(Integer.parseInt(parts[0]), Long.parseLong(parts[1]),
                    parts[3], Instant.ofEpochMilli(Long.parseLong(parts[2])));
        } catch (RuntimeException e) {
            throw new StateStoreException(key, "the entry of " + key + " in the Hazelcast state map is not one this "
                    + "store wrote (version;revision;time;json); remove it", e);
        }
    }

    private StateStoreException failed(StateKey key, String what, RuntimeException e) {
        return new StateStoreException(key, description + " failed " + what + " the state of " + key + ": " + e
                + "; check that the cluster is reachable", e);
    }
}
