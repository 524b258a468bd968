package dev.genserver.sample.cart;

import dev.genserver.process.ExitReason;
import dev.genserver.sample.janitor.Janitor;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.OnTerminate;
import dev.genserver.spring.annotation.ServerKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case 3: a keyed server, one instance per user ({@code cart[ann]}), started by the first
 * message to that user and passivated (terminate runs) after {@code shop.cart.idle-timeout}
 * without a message: session management without a session store.
 */
@GenServer("cart")
@Keyed(idleTimeout = "${shop.cart.idle-timeout:5m}", maxInstances = 100_000)
public class Cart implements CartApi {

    private static final Logger log = LoggerFactory.getLogger(Cart.class);

    @ServerKey
    String user;

    private final GenServers genServers;
    private final Map<Long, Integer> items = new LinkedHashMap<>();
    private Instant lastActivity = Instant.now();

    Cart(GenServers genServers) {
        this.genServers = genServers;
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
        log.info("cart of {} passivated ({}), {} item(s) dropped", user, reason, items.size());
    }
}
