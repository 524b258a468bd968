package dev.genserver.sample.cluster;

import dev.genserver.sample.cluster.ClusterMessages.CartView;

/** A user's cart, the same from every instance: reached through {@code KeyedServers<SharedCartApi>}. */
public interface SharedCartApi {

    /**
     * Adds an item.
     *
     * @param item the item
     * @return the cart after it
     */
    CartView add(String item);

    /**
     * Shows the cart.
     *
     * @return the cart
     */
    CartView view();
}
