/**
 * Anchor benchmarks: the JVM floor ({@code Floor*Benchmark}) and Apache Pekko typed
 * ({@code Pekko*Benchmark}), measured in the same run as our runtime.
 *
 * <p>Naming convention, read by {@link dev.genserver.benchmarks.Report}: a class
 * {@code <System><Subject>Benchmark} puts its results in the column of {@code <System>}
 * ({@code Pekko} → "pekko", {@code Floor} → "floor:&lt;Subject&gt;"); a method
 * {@code w<N>_<case>} feeds the report row {@code "W<N> <case>"}. See {@code benchmarks/README.md}.
 */
package dev.genserver.benchmarks.baseline;
