package dev.genserver.sample.cart;

import dev.genserver.process.ExitReason;
import dev.genserver.sample.janitor.Janitor;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.OnInit;
import dev.genserver.spring.annotation.OnTerminate;
import dev.genserver.spring.annotation.ServerKey;
import dev.genserver.state.Durable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 3: a keyed server, one instance per user ({@code cart[ann]}), started by the first
 * message to that user and passivated (terminate runs) after {@code shop.cart.idle-timeout}
 * without a message: session management without a session store.
 *
 * <p>Use case 16: the cart is {@link Durable}: its items and last activity are written to the
 * database (table {@code genserver_state}) after every change, before the next message, and read
 * back when the cart starts again: after a passivation, a crash, or a restart of the application.
 * A cart left unchanged for {@code shop.janitor.abandoned-after} is emptied when it starts again
 * (the janitor of use case 6 stops such carts; this keeps them from coming back full).
 */
@GenServer("cart")
@Keyed(idleTimeout = "${shop.cart.idle-timeout:5m}", maxInstances = 100_000)
@Durable
public class Cart implements CartApi {

    private static final Logger log = LoggerFactory.getLogger(Cart.class);

    @ServerKey
    String user;

    private final GenServers genServers;
    private final transient Duration abandonedAfter;
    // the state: written to the store as {"items": {...}, "lastActivity": "..."}
    private final Map<Long, Integer> items = new LinkedHashMap<>();
    private Instant lastActivity = Instant.now();

    Cart(GenServers genServers, @Value("${shop.janitor.abandoned-after:30m}") Duration abandonedAfter) {
        this.genServers = genServers;
        this.abandonedAfter = abandonedAfter;
    }

    /** Runs after the stored cart was read back: an abandoned cart starts empty. */
    @OnInit
    void started() {
        if (!items.isEmpty() && lastActivity.isBefore(Instant.now().minus(abandonedAfter))) {
            log.info("cart of {} abandoned since {}: emptied", user, lastActivity);
            items.clear();
            lastActivity = Instant.now();
        }
    }

    @Override
    public void add(long productId, int quantity) {
        items.merge(productId, quantity, Integer::sum);
        touched();
    }

    @Override
    public void remove(long productId) {
        items.remove(productId);
        touched();
    }

    @Override
    public Contents contents() {
        return new Contents(user, Map.copyOf(items), lastActivity);
    }

    /** Tells the janitor (use case 6) when the cart's contents last changed. */
    private void touched() {
        lastActivity = Instant.now();
        genServers.cast("janitor", new Janitor.CartTouched(user, !items.isEmpty(), lastActivity));
    }

    @OnTerminate
    void terminate(ExitReason reason) {
        log.info("cart of {} stopped ({}), {} item(s) kept in the store", user, reason, items.size());
    }
}
