/**
 * W11's Spring Boot application: one keyed {@code @GenServer} ({@link
 * dev.genserver.benchmarks.ours.sessions.Session}, one instance per key), found by component
 * scanning and run by the GenServer starter's auto-configuration, as in a user's application.
 * {@link dev.genserver.benchmarks.ours.sessions.Sessions} starts the application and activates keys
 * through the injected {@code KeyedServers<SessionApi>}.
 */
package dev.genserver.benchmarks.ours.sessions;
