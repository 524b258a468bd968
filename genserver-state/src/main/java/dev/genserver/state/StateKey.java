package dev.genserver.state;

import java.util.Objects;

/**
 * Where one server's state is stored: the durable name of the server ({@link Durable#name()}, by
 * default the server's name) and, for a keyed server, the key as text ({@code ""} for a server
 * that is not keyed).
 *
 * @param server the durable name of the server
 * @param key the key's {@code toString()}, or {@code ""}
 */
public record StateKey(String server, String key) {

    /**
     * Checks the parts.
     *
     * @param server the durable name of the server
     * @param key the key's {@code toString()}, or {@code ""}
     */
    public StateKey {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return key.isEmpty() ? server : server + "[" + key + "]";
    }
}
