package dev.genserver.spring.app;

import dev.genserver.process.ExitReason;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.OnInit;
import dev.genserver.spring.annotation.OnTerminate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Stock per item; its Prices dependency is injected into every fresh instance. */
@GenServer(supervisor = "fulfilment")
public class Inventory implements InventoryApi {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Prices prices;
    private final Events events;
    private final int instance = INSTANCES.incrementAndGet();
    private final Map<String, Integer> stock = new HashMap<>();

    Inventory(Prices prices, Events events) {
        this.prices = prices;
        this.events = events;
    }

    @OnInit
    void init() {
        stock.put("book", 10);
        events.add("start:inventory");
    }

    @Override
    public void restock(String item, int quantity) {
        stock.merge(item, quantity, Integer::sum);
    }

    @Override
    public int take(String item, int quantity) throws OutOfStockException {
        int have = stock.getOrDefault(item, 0);
        if (have < quantity) {
            throw new OutOfStockException(item);
        }
        stock.put(item, have - quantity);
        return have - quantity;
    }

    @Override
    public int stock(String item) {
        return stock.getOrDefault(item, 0);
    }

    @Override
    public int price(String item) {
        return prices.price(item);
    }

    @Override
    public String identity() {
        return instance + "/" + prices.instance();
    }

    @Override
    public int crash() {
        throw new IllegalStateException("inventory crashed on purpose");
    }

    @OnTerminate
    void terminate(ExitReason reason) {
        events.add("terminate:inventory:" + reason);
    }
}
