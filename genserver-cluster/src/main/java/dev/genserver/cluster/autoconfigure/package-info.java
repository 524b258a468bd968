/**
 * Spring Boot auto-configuration of {@code genserver-cluster}: on {@code genserver.cluster.enabled=true},
 * a {@link dev.genserver.cluster.ClusterNode} on Spring Boot's {@code HazelcastInstance}, the
 * application's {@link dev.genserver.cluster.ClusteredServer} beans and
 * {@link dev.genserver.cluster.Clustered @Clustered} {@code @GenServer}s (reached by their typed
 * proxies, {@code KeyedServers} and {@code GenServers} wherever they run), a health contributor and meters.
 * Off (the default), nothing here is loaded, Hazelcast included.
 */
@NullMarked
package dev.genserver.cluster.autoconfigure;

import org.jspecify.annotations.NullMarked;
