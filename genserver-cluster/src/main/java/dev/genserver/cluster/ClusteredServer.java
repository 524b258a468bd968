package dev.genserver.cluster;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;

/**
 * A server declared to a {@link ClusterNode}: its cluster-unique name, its placement, how to
 * build an instance and the types of its messages and replies. Every member declares the same
 * servers (as every replica of an application has the same beans).
 *
 * @param name the cluster-unique name
 * @param placement {@link Placement#SINGLETON} or {@link Placement#SHARDED}
 * @param singletonFactory builds an instance from its fencing token (singletons)
 * @param shardFactory builds the instance of a key (sharded servers)
 * @param types the message and reply types that may cross the wire
 * @param passivation the exit reason with which an instance stops itself between messages when
 *                    idle (see {@link #passivatingWith}), or null
 */
public record ClusteredServer(String name, Placement placement,
                              @org.jspecify.annotations.Nullable LongFunction<? extends GenServer<?>> singletonFactory,
                              @org.jspecify.annotations.Nullable Function<String, ? extends GenServer<?>> shardFactory,
                              List<Class<?>> types, @org.jspecify.annotations.Nullable ExitReason passivation) {

    /** Checks the declaration. */
    public ClusteredServer {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a clustered server needs a non-blank name");
        }
        if (placement == Placement.LOCAL) {
            throw new IllegalArgumentException("'" + name + "': LOCAL servers are not declared to the cluster; "
                    + "start them on the ProcessRuntime as usual");
        }
        if ((placement == Placement.SINGLETON) != (singletonFactory != null)
                || (placement == Placement.SHARDED) != (shardFactory != null)) {
            throw new IllegalArgumentException("'" + name + "': use ClusteredServer.singleton or ClusteredServer.sharded");
        }
        types = List.copyOf(types);
    }

    /**
     * Declares a singleton: one live instance in the cluster.
     *
     * @param name the cluster-unique name
     * @param factory builds an instance from the fencing token of its incarnation (contract §17.5)
     * @return the declaration
     */
    public static ClusteredServer singleton(String name, LongFunction<? extends GenServer<?>> factory) {
        return new ClusteredServer(name, Placement.SINGLETON, factory, null, List.of(), null);
    }

    /**
     * Declares a sharded server: one instance per key, on the owner of the key's partition.
     *
     * @param name the cluster-unique name
     * @param factory builds the instance of a key
     * @return the declaration
     */
    public static ClusteredServer sharded(String name, Function<String, ? extends GenServer<?>> factory) {
        return new ClusteredServer(name, Placement.SHARDED, null, factory, List.of(), null);
    }

    /**
     * Adds message and reply types (scalars such as {@code String} and {@code Integer} need no
     * declaration).
     *
     * @param more the types
     * @return a copy with the types added
     */
    public ClusteredServer accepting(Class<?>... more) {
        return new ClusteredServer(name, placement, singletonFactory, shardFactory,
                Stream.concat(types.stream(), Stream.of(more)).distinct().toList(), passivation);
    }

    /**
     * Declares the exit reason with which an instance stops itself between two messages when it
     * has been idle (passivation; the Spring layer's keyed servers stop with
     * {@code shutdown("passivated")}). A call queued behind that stop was never handled: instead of
     * failing with {@code ServerStoppedException}, it is routed again and starts a fresh instance
     * (contract §17.3). Use a reason the server gives for nothing else: a call whose own handler
     * stopped the server with it would be routed again too.
     *
     * @param reason the reason
     * @return a copy with the reason
     */
    public ClusteredServer passivatingWith(ExitReason reason) {
        return new ClusteredServer(name, placement, singletonFactory, shardFactory, types,
                java.util.Objects.requireNonNull(reason, "reason"));
    }
}
