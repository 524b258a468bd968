/**
 * The report: the workload catalog with the targets of {@code PERFORMANCE.md}, the mapping of
 * benchmark results to report cells, the runners for the footprint JVMs and the Elixir script,
 * and the Markdown and JSON writers.
 */
package dev.genserver.benchmarks.report;
