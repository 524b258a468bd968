/**
 * Helpers shared by the anchor benchmarks and by our own runtime's benchmarks.
 */
package dev.genserver.benchmarks.support;
