/**
 * Profiling harnesses for the user-facing gaps of issue 14, run by hand from the benchmarks jar
 * (not by the report): {@link dev.genserver.benchmarks.profile.ActivationBreakdown} (W11: where an
 * activation through the starter spends time and allocation),
 * {@link dev.genserver.benchmarks.profile.SparseCallBreakdown} (W10: the request and reply legs of
 * a call after 1 ms of idleness, beside JVM floors) and
 * {@link dev.genserver.benchmarks.profile.JfrLayers} (attributes a JFR recording's execution and
 * allocation samples to layers of the runtime and the starter). Times are wall-clock and only
 * comparable within one run; allocation per operation and event counts per operation do not
 * depend on the machine's load. See "Next: issue 14" in {@code benchmarks/README.md}.
 */
package dev.genserver.benchmarks.profile;
