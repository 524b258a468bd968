/**
 * W6 idle footprint: {@link dev.genserver.benchmarks.footprint.IdleFootprint} runs in a JVM of its
 * own with {@code -Xmx1g}, spawns N idle servers through an
 * {@link dev.genserver.benchmarks.footprint.IdleSpawner} and prints the GC'd heap delta per server.
 * Runtimes are registered by name in {@link dev.genserver.benchmarks.footprint.IdleSpawners}.
 */
package dev.genserver.benchmarks.footprint;
