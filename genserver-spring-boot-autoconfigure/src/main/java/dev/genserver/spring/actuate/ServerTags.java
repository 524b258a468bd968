package dev.genserver.spring.actuate;

import dev.genserver.process.ServerRef;
import dev.genserver.spring.InternalApi;
import dev.genserver.spring.support.ServerDefinition;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.TreeSpec;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps a process to the low-cardinality name that metrics, health and the endpoint group it
 * under: a plain server by its name, every instance of a keyed server ({@code cart[ann]},
 * {@code cart[bob]}) under the keyed server's name ({@code cart}), never under its key.
 */
@InternalApi
public final class ServerTags {

    /** The tag of a server started without a name. */
    public static final String ANONYMOUS = "anonymous";

    private static final String SUPERVISOR_PREFIX = TreeSpec.processName("");

    private final Set<String> keyed;

    /**
     * Creates the mapping.
     *
     * @param definitions the application's servers; the keyed ones group their instances
     */
    public ServerTags(ServerDefinitions definitions) {
        this.keyed = definitions.servers().stream().filter(ServerDefinition::isKeyed)
                .map(ServerDefinition::serverName).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Returns the tag of a process.
     *
     * @param server the process
     * @return its name, its keyed server's name, or {@link #ANONYMOUS}
     */
    public String of(ServerRef server) {
        return of(server.displayName());
    }

    /**
     * Returns the tag of a process name ({@link ServerRef#displayName()}).
     *
     * @param name the name, {@code #id} for an anonymous server
     * @return the name, the keyed server's name, or {@link #ANONYMOUS}
     */
    public String of(String name) {
        if (name.isEmpty() || name.charAt(0) == '#') {
            return ANONYMOUS;
        }
        String type = keyedType(name);
        return type != null ? type : name;
    }

    /**
     * Returns the keyed server an instance name belongs to.
     *
     * @param name a process name such as {@code cart[ann]}
     * @return {@code cart}, or null when the name is not that of a keyed instance
     */
    public String keyedType(String name) {
        int open = name.indexOf('[');
        if (open <= 0 || name.charAt(name.length() - 1) != ']') {
            return null;
        }
        String type = name.substring(0, open);
        return keyed.contains(type) ? type : null;
    }

    /**
     * Tells whether a name is that of a keyed server (not one of its instances).
     *
     * @param name a server name
     * @return true for a keyed server's name
     */
    public boolean isKeyedServer(String name) {
        return keyed.contains(name);
    }

    /**
     * Returns the names of the keyed servers.
     *
     * @return the names
     */
    public Set<String> keyedServers() {
        return keyed;
    }

    /**
     * Tells whether a process is one of the supervision tree's supervisors.
     *
     * @param name the process name
     * @return true for {@code genserver.supervisor.*}
     */
    public static boolean isSupervisorProcess(String name) {
        return name.startsWith(SUPERVISOR_PREFIX);
    }
}
