package dev.genserver.spring;

import dev.genserver.process.ServerRef;
import java.util.List;
import java.util.Optional;

/**
 * The instances of a keyed server ({@link dev.genserver.spring.annotation.Keyed}), one per key,
 * each reached through a typed client proxy. Inject it with the client interface as type
 * argument:
 *
 * <pre>{@code
 * @Service
 * class Checkout {
 *     private final KeyedServers<CartApi> carts;
 *
 *     Checkout(KeyedServers<CartApi> carts) { this.carts = carts; }
 *
 *     Receipt buy(String user) {
 *         CartApi cart = carts.get(user);      // no process yet: started at the first message
 *         return payments.charge(cart.items());
 *     }
 * }
 * }</pre>
 *
 * <p>An instance starts on demand, under the keyed server's dynamic supervisor, when a message
 * is sent to its key and none is running; it is registered by its key in the keyed server's
 * {@link dev.genserver.registry.Registry} ({@code KeyedServerManager.registry(name)}) and under the
 * name {@code name[key]}, which logs show; it is passivated (stopped with reason
 * {@code shutdown}, running terminate) after its idle timeout, and started again by the next
 * message. A call that races with a passivation is sent again to
 * the next instance; a cast that races with it may become a dead letter.
 *
 * @param <T> the client interface
 */
public interface KeyedServers<T> {

    /**
     * Returns the server's name.
     *
     * @return the name of the keyed server
     */
    String name();

    /**
     * Returns the typed client proxy of the instance for {@code key}. Cheap: nothing starts
     * until a method is invoked.
     *
     * @param key the key (its {@code toString} is part of the instance's registered name)
     * @return the proxy
     */
    T get(Object key);

    /**
     * Returns the running instance for {@code key}, starting it if needed.
     *
     * @param key the key
     * @return its reference
     */
    ServerRef start(Object key);

    /**
     * Finds the running instance for {@code key}.
     *
     * @param key the key
     * @return its reference, or empty when none is running
     */
    Optional<ServerRef> whereis(Object key);

    /**
     * Stops the instance for {@code key}, if one is running, with reason {@code shutdown}: its
     * terminate runs; the next message to the key starts a fresh instance.
     *
     * @param key the key
     * @return true when an instance was stopped
     */
    boolean stop(Object key);

    /**
     * Returns the running instances.
     *
     * @return their references, in start order
     */
    List<ServerRef> running();

    /**
     * Returns the registered name of the instance for {@code key}: {@code name[key]}.
     *
     * @param key the key
     * @return the name
     */
    String instanceName(Object key);
}
