package dev.genserver.cluster;

import java.util.Objects;

import dev.genserver.process.ServerRef;
import org.jspecify.annotations.Nullable;

/**
 * A singleton or a sharded instance that runs on this member ({@link ClusterNode#hostedInstances()}).
 * It is started in the local runtime without a registered name, so that the cluster-unique name can
 * never clash with a local server's name on any member; {@link #name()} is how it is shown.
 *
 * @param server the clustered server's name
 * @param key the key of a sharded instance, or null for a singleton
 * @param ref the local process
 */
public record HostedInstance(String server, @Nullable String key, ServerRef ref) {

    /** Checks the components. */
    public HostedInstance {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(ref, "ref");
    }

    /**
     * Returns the instance's cluster-unique name, as logs and the Actuator show it.
     *
     * @return the server's name for a singleton, {@code name[key]} for a sharded instance
     */
    public String name() {
        return key == null ? server : server + "[" + key + "]";
    }

    /**
     * Returns its placement.
     *
     * @return {@link Placement#SINGLETON} or {@link Placement#SHARDED}
     */
    public Placement placement() {
        return key == null ? Placement.SINGLETON : Placement.SHARDED;
    }
}
