/**
 * A local process registry: Elixir's {@code Registry}.
 *
 * <p>{@link dev.genserver.registry.Registry} maps keys of any type to servers, with a value per
 * entry: unique keys name servers (OTP's {@code {:via, Registry, key}}), duplicate keys group them
 * (topics for local publish/subscribe). Entries disappear when their server exits; lookups take no
 * lock and scale with the cores.
 *
 * <pre>{@code
 * Registry names = Registry.unique(runtime);
 * names.start("user-42", Session::new, StartOptions.defaults());
 * names.call("user-42", new Touch());
 *
 * Registry topics = Registry.duplicate(runtime);
 * topics.register(ctx.self(), "orders", null);        // in a subscriber's init
 * topics.send("orders", new OrderPlaced(17));          // to every subscriber
 * }</pre>
 */
package dev.genserver.registry;
