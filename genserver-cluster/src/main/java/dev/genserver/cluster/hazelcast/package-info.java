/**
 * The Hazelcast Community adapter of {@link dev.genserver.cluster.ClusterEngine}: an embedded
 * member, member-targeted executor tasks for delivery (never re-run when their target dies),
 * the partition table for sharding, and an {@code IMap} for fencing tokens. Public Hazelcast API
 * only; nothing that needs a licence.
 */
@NullMarked
package dev.genserver.cluster.hazelcast;

import org.jspecify.annotations.NullMarked;
