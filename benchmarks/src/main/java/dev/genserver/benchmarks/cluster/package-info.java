/**
 * W16 and W17: remote call round trip and remote cast throughput between two Hazelcast members in
 * one JVM over loopback TCP ({@code OursRemoteBenchmark}), beside Hazelcast's own member-targeted
 * executor tasks as the floor ({@code FloorHazelcastBenchmark}, column "floor:Hazelcast").
 */
package dev.genserver.benchmarks.cluster;
