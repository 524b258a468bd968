/**
 * Benchmarks of our own runtime, one class per anchor class it stands beside (same JMH
 * configuration), sharing {@link dev.genserver.benchmarks.ours.OursSupport} (the counter and idle
 * servers, twins of the Pekko and Elixir anchors') and
 * {@link dev.genserver.benchmarks.ours.KeyedCounters} (W9); W11's Spring Boot application lives in
 * {@link dev.genserver.benchmarks.ours.sessions}.
 *
 * <p>Convention (read by {@link dev.genserver.benchmarks.Report}, see {@code benchmarks/README.md}):
 * a class named {@code Ours<Subject>Benchmark} puts its results in the report's "ours" column, and
 * each method named {@code w<N>_<case>} feeds the row {@code "W<N> <case>"}, e.g.
 * {@code OursCallBenchmark.w1_platformCaller()} feeds "W1 platformCaller" beside
 * {@code PekkoAskBenchmark.w1_platformCaller()}. Use the unit family of the row (a time per
 * operation for µs rows, a throughput for calls/s rows; the report converts between time units).
 * For W6, implement {@link dev.genserver.benchmarks.footprint.IdleSpawner} and register it in
 * {@link dev.genserver.benchmarks.footprint.IdleSpawners} under the column "ours".
 */
package dev.genserver.benchmarks.ours;
