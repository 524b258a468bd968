package dev.genserver.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Places a Spring {@code @GenServer} in the cluster once {@code genserver.cluster.enabled=true}
 * (contract §17.9). Without it a server is {@link Placement#LOCAL}: turning clustering on never
 * changes a server by itself.
 *
 * <pre>{@code
 * @GenServer
 * @Clustered(Placement.SINGLETON)          // one in the cluster; its proxy reaches it from every member
 * class JobQueue implements JobQueueApi { ... }
 *
 * @GenServer @Keyed
 * @Clustered(Placement.SHARDED)            // one per key, on the key's owner: KeyedServers.get(key) reaches it
 * class Cart implements CartApi { @ServerKey String user; ... }
 * }</pre>
 *
 * <p>{@code SINGLETON} applies to plain servers, {@code SHARDED} to {@code @Keyed} ones (their key
 * crosses the wire as its {@code toString()}, so a {@code @ServerKey} field is a {@code String}).
 * Every type of the client interfaces' methods must be encodable as JSON against its declared
 * type; one that is not fails the startup naming the method. With clustering off, the annotation
 * is ignored and the server runs locally, as every other: the same application runs on one JVM
 * (a cluster of one) without change.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Clustered {

    /**
     * Where the server's instances run when clustering is on.
     *
     * @return the placement
     */
    Placement value();
}
