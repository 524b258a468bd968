/**
 * Test support for clustered GenServers: {@link dev.genserver.cluster.test.InJvmCluster}, several
 * members in one JVM with kill, graceful leave, join, pause, partition and heal.
 */
@NullMarked
package dev.genserver.cluster.test;

import org.jspecify.annotations.NullMarked;
