package dev.genserver.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One state as a {@link StateStore} holds it.
 *
 * @param version the {@link StateVersion} of the class that wrote it
 * @param revision how many times it was written: 1 after the first write, one more at each
 *                 write; a writer that read revision {@code r} may only write {@code r + 1}
 * @param json the state, a JSON object (field name to value)
 * @param updatedAt when it was written
 */
public record StoredState(int version, long revision, String json, Instant updatedAt) {

    /**
     * Checks the parts.
     *
     * @param version the version
     * @param revision the revision, 1 or more
     * @param json the JSON text
     * @param updatedAt when it was written
     */
    public StoredState {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
