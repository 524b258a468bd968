package dev.genserver.state.actuate;

import dev.genserver.state.DurableServerStatus;
import dev.genserver.state.DurableStates;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code genserverstate} Actuator endpoint: every {@code @Durable} server with its write mode,
 * state version, instances, pending writes, writes, conflicts and store errors
 * ({@code /actuator/genserverstate}); one server ({@code /actuator/genserverstate/cart}); and what
 * the store holds for one key, without its content ({@code /actuator/genserverstate/cart/ann}).
 */
@Endpoint(id = "genserverstate")
public class DurableStateEndpoint {

    private final DurableStates states;

    /**
     * Creates the endpoint.
     *
     * @param states the durable servers
     */
    public DurableStateEndpoint(DurableStates states) {
        this.states = states;
    }

    /**
     * Lists every durable server.
     *
     * @return the store and the servers
     */
    @ReadOperation
    public Report report() {
        return new Report(states.store().describe(), states.servers());
    }

    /**
     * Describes one durable server.
     *
     * @param name the server's name
     * @return its statistics, or null (404) when it is not durable
     */
    @ReadOperation
    public @Nullable DurableServerStatus server(@Selector String name) {
        return states.server(name).orElse(null);
    }

    /**
     * Describes what the store holds now for one key of a keyed server, or ({@code -} as the key)
     * for a server that is not keyed.
     *
     * @param name the server's name
     * @param key the key, or {@code -} for a server that is not keyed
     * @return the stored version, revision, time and size, or null (404) when nothing is stored
     */
    @ReadOperation
    public @Nullable Stored stored(@Selector String name, @Selector String key) {
        if (states.server(name).isEmpty()) {
            return null;
        }
        return states.stored(name, "-".equals(key) ? null : key)
                .map(s -> new Stored(name, "-".equals(key) ? null : key, s.version(), s.revision(), s.updatedAt(),
                        s.json().length()))
                .orElse(null);
    }

    /**
     * The endpoint's answer.
     *
     * @param store the store's description
     * @param servers every durable server
     */
    public record Report(String store, List<DurableServerStatus> servers) {
    }

    /**
     * One stored state, without its content.
     *
     * @param server the server's name
     * @param key the key, or null
     * @param version the class version that wrote it
     * @param revision its revision
     * @param updatedAt when it was written
     * @param size the length of its JSON text
     */
    public record Stored(String server, @Nullable String key, int version, long revision, Instant updatedAt, int size) {
    }
}
