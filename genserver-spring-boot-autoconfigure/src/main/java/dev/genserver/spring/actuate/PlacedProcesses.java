package dev.genserver.spring.actuate;

import dev.genserver.process.ServerRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The servers that a placement (genserver-cluster) hosts outside the application's supervision
 * tree: a cluster's singletons and sharded servers. The Actuator endpoint lists them beside the
 * tree, one entry per server (a sharded server's instances counted, never listed one by one, as a
 * keyed server's), and finds the processes that run on this member by name. At most one bean of
 * this type; none without clustering.
 */
public interface PlacedProcesses {

    /**
     * Returns every placed server.
     *
     * @return them, in declaration order
     */
    List<PlacedServer> servers();

    /**
     * Finds a placed process that runs on this member.
     *
     * @param name its cluster-unique name: a singleton's name, or {@code name[key]} for the
     *             instance of a sharded server (as a local keyed instance is named)
     * @return the process, or empty when it does not run here
     */
    Optional<Placed> find(String name);

    /**
     * A placed server as this member sees it.
     *
     * @param name the server's name
     * @param placement {@code singleton} or {@code sharded}
     * @param member for a singleton, the member that runs it (null while none does); for a sharded
     *               server, this member
     * @param instancesHere the instances that run on this member
     * @param ref a singleton's process when it runs here, else null
     */
    record PlacedServer(String name, String placement, String member, long instancesHere, ServerRef ref) {

        /** Checks the components. */
        public PlacedServer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(placement, "placement");
        }
    }

    /**
     * A placed process that runs on this member.
     *
     * @param name its cluster-unique name ({@code jobQueue}, {@code cart[ann]})
     * @param server the server's name
     * @param placement {@code singleton} or {@code sharded}
     * @param member the id of this member
     * @param ref the local process
     */
    record Placed(String name, String server, String placement, String member, ServerRef ref) {

        /** Checks the components. */
        public Placed {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(placement, "placement");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(ref, "ref");
        }
    }
}
