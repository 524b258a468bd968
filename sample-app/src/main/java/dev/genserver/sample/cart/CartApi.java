package dev.genserver.sample.cart;

import java.time.Instant;
import java.util.Map;

/** Use case 3: one shopping cart per user. */
public interface CartApi {

    /** The cart as the user sees it. */
    record Contents(String user, Map<Long, Integer> items, Instant lastActivity) {
    }

    /** Adds a quantity of a product (a cast). */
    void add(long productId, int quantity);

    /** Removes a product (a cast). */
    void remove(long productId);

    /** Returns the cart (a call). */
    Contents contents();
}
