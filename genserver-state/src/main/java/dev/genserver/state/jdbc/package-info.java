/**
 * The JDBC {@link dev.genserver.state.StateStore}: one table through Spring's {@code JdbcClient}.
 */
package dev.genserver.state.jdbc;
