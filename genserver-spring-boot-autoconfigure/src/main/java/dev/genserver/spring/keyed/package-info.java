/**
 * Keyed servers: one instance per key, started on demand under a dynamic supervisor, passivated
 * when idle, reached through {@link dev.genserver.spring.keyed.KeyedServers}.
 *
 * <pre>{@code
 * @GenServer @Keyed(idleTimeout = "15m")
 * class Cart implements CartApi { @ServerKey String user; ... }
 *
 * carts.get("user-1").add(item);     // KeyedServers<CartApi> carts
 * }</pre>
 */
package dev.genserver.spring.keyed;
