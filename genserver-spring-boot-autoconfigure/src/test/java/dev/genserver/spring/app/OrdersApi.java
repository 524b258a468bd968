package dev.genserver.spring.app;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The orders' client interface. */
public interface OrdersApi {

    /** Places an order; returns its number. */
    int place(String item, int quantity) throws InventoryApi.OutOfStockException;

    /** Returns the orders placed so far. */
    List<String> orders();

    /** Returns the total of all orders, computed asynchronously. */
    CompletableFuture<Integer> total();
}
