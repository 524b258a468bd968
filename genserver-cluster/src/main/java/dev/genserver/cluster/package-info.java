/**
 * Clustered servers: the same servers across several JVMs, on an existing engine.
 *
 * <p>A {@link dev.genserver.cluster.ClusterNode} joins one {@link dev.genserver.process.ProcessRuntime}
 * to a cluster through a {@link dev.genserver.cluster.ClusterEngine} (the only implementation is
 * {@link dev.genserver.cluster.hazelcast.HazelcastEngine}, an embedded Hazelcast Community member).
 * Each server has a {@link dev.genserver.cluster.Placement}: {@code LOCAL} (one per member, today's
 * behaviour), {@code SINGLETON} (one live instance in the cluster) or {@code SHARDED} (one instance
 * per key, on the owner of the key's partition). {@link dev.genserver.cluster.ClusterRef} calls and
 * casts them wherever they run: at most once, in order per sender and target member, with a typed
 * exception for every failure. The guarantees are those of {@code docs/contract.md} §17.
 */
@NullMarked
package dev.genserver.cluster;

import org.jspecify.annotations.NullMarked;
