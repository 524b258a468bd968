package dev.genserver.spring.app;

import dev.genserver.process.ExitReason;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.OnTerminate;
import dev.genserver.spring.annotation.ServerKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A keyed server: one per user, passivated when idle. */
@GenServer("cart")
@Keyed(idleTimeout = "${shop.cart.idle-timeout:30m}")
public class Cart implements CartApi {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Events events;
    private final int instance = INSTANCES.incrementAndGet();
    private final List<String> items = new ArrayList<>();

    @ServerKey
    String user;

    Cart(Events events) {
        this.events = events;
    }

    @Override
    public void add(String item) {
        items.add(item);
    }

    @Override
    public List<String> items() {
        return List.copyOf(items);
    }

    @Override
    public String identity() {
        return user + "#" + instance;
    }

    @OnTerminate
    void terminate(ExitReason reason) {
        events.add("terminate:cart:" + user + ":" + reason);
    }
}
