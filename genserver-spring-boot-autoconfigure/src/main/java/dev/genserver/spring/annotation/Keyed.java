package dev.genserver.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link GenServer} keyed: one instance per key (user, cart, game, device), started on
 * demand under a dynamic supervisor, registered by key, and passivated (stopped with reason
 * {@code shutdown}, running its terminate) after it has been idle for a while. Clients reach an
 * instance through {@link dev.genserver.spring.KeyedServers}:
 *
 * <pre>{@code
 * @GenServer @Keyed(idleTimeout = "15m")
 * class Cart implements CartApi {
 *     @ServerKey String userId;
 *     private final List<Item> items = new ArrayList<>();
 *     public void add(Item item) { items.add(item); }
 *     public List<Item> items() { return List.copyOf(items); }
 * }
 *
 * @Service
 * class Checkout {
 *     Checkout(KeyedServers<CartApi> carts) { ... }
 *     void buy(String user) { carts.get(user).items(); }
 * }
 * }</pre>
 *
 * <p>Keyed servers are restarted only after an abnormal exit ({@link dev.genserver.supervisor.RestartType#TRANSIENT}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Keyed {

    /**
     * How long an instance may stay idle (no message at all) before it is passivated. A periodic
     * sweep, every quarter of this time (at least every millisecond, at most every minute), finds
     * the idle instances: an instance passivates between this time and this time plus that period.
     *
     * @return the idle time, {@code infinity} to keep instances forever, or empty for
     *         {@code genserver.keyed.<name>.idle-timeout} (default 30 minutes)
     */
    String idleTimeout() default "";

    /**
     * The most instances alive at once; starting one more fails.
     *
     * @return the limit, or 0 for {@code genserver.keyed.<name>.max-instances} (unlimited by default)
     */
    int maxInstances() default 0;
}
