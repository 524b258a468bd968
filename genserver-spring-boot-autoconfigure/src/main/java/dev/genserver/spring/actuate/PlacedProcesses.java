package dev.genserver.spring.actuate;

import dev.genserver.process.ServerRef;
import java.util.List;
import java.util.Objects;

/**
 * The servers that a placement (genserver-cluster) hosts in this application outside its
 * supervision tree: a cluster's singletons and sharded instances that run on this member. The
 * Actuator endpoint lists them beside the tree, each with the member that runs it, and finds them
 * by name; at most one bean of this type, none without clustering.
 */
public interface PlacedProcesses {

    /**
     * Returns the placed processes that run in this application now.
     *
     * @return them, in a stable order (singletons first, then sharded instances by start)
     */
    List<Placed> hosted();

    /**
     * A placed process running here.
     *
     * @param name its cluster-unique name: the server's name for a singleton, {@code name[key]} for
     *             a sharded instance (as a local keyed instance is named)
     * @param server the server's name
     * @param placement {@code singleton} or {@code sharded}
     * @param member the id of this member (which runs it)
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
