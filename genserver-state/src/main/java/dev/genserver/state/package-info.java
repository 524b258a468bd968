/**
 * Durable, versioned state of {@code @GenServer} beans: {@link dev.genserver.state.Durable},
 * {@link dev.genserver.state.StateVersion}, {@link dev.genserver.state.MigrateState}, the
 * {@link dev.genserver.state.StateStore} SPI and {@link dev.genserver.state.DurableStates}.
 */
package dev.genserver.state;
