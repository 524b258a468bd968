package dev.genserver.spring.app;

import dev.genserver.process.ExitReason;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.OnInit;
import dev.genserver.spring.annotation.OnTerminate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Orders; calls the inventory server through its injected proxy. Starts after it. */
@GenServer(supervisor = "fulfilment")
public class Orders implements OrdersApi {

    private final InventoryApi inventory;
    private final Events events;
    private final List<String> orders = new ArrayList<>();
    private int total;

    Orders(InventoryApi inventory, Events events) {
        this.inventory = inventory;
        this.events = events;
    }

    @OnInit
    void init() {
        inventory.stock("book"); // the inventory is already running
        events.add("start:orders");
    }

    @Override
    public int place(String item, int quantity) throws InventoryApi.OutOfStockException {
        inventory.take(item, quantity);
        orders.add(quantity + " x " + item);
        total += quantity * inventory.price(item);
        return orders.size();
    }

    @Override
    public List<String> orders() {
        return List.copyOf(orders);
    }

    @Override
    public CompletableFuture<Integer> total() {
        return CompletableFuture.completedFuture(total);
    }

    @OnTerminate
    void terminate(ExitReason reason) {
        events.add("terminate:orders:" + reason);
    }
}
