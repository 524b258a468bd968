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
 *
 * <p>The rules (entries gone with their server, re-registration right after a death, naming
 * through a registry, lock-free lookups) are section 11 of the project's {@code docs/contract.md};
 * {@link dev.genserver.registry.Registry} gives them in full. Every type here is null-marked: a
 * value may be {@code null} only where it is annotated
 * {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.genserver.registry;

import org.jspecify.annotations.NullMarked;
