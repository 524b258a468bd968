/**
 * The Hazelcast {@link dev.genserver.state.StateStore}: an {@code IMap} with backups.
 */
package dev.genserver.state.hazelcast;
