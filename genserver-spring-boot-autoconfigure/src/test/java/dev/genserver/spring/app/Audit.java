package dev.genserver.spring.app;

import dev.genserver.process.ExitReason;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.HandleCast;
import dev.genserver.spring.annotation.HandleInfo;
import dev.genserver.spring.annotation.OnInit;
import dev.genserver.spring.annotation.OnTerminate;
import dev.genserver.spring.annotation.Redact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A message-style server in the root supervisor (no client interface). Declared first, but it
 * depends on the orders, so it starts after them.
 */
@GenServer("audit")
public class Audit {

    /** Records a line (cast). */
    public record Record(String line) {
    }

    /** Asks for the lines (call). */
    public record Lines() {
    }

    /** Asks for the number of orders, through the orders proxy (call). */
    public record OrderCount() {
    }

    /** A timer tick (info). */
    public record Tick(int n) {
    }

    private final OrdersApi orders;
    private final Events events;
    private final List<String> lines = new ArrayList<>();
    @Redact
    private String secret = "s3cr3t";
    private int ticks;

    Audit(OrdersApi orders, Events events) {
        this.orders = orders;
        this.events = events;
    }

    @OnInit
    void init(GenServerContext ctx) {
        orders.orders(); // the orders server is already running
        events.add("start:audit");
        ctx.sendAfter(new Tick(1), Duration.ofMillis(1));
    }

    @HandleCast
    void record(Record message) {
        lines.add(message.line());
    }

    @HandleCall
    List<String> lines(Lines request) {
        return List.copyOf(lines);
    }

    @HandleCall
    int orderCount(OrderCount request) {
        return orders.orders().size();
    }

    @HandleInfo
    void tick(Tick tick) {
        ticks = tick.n();
    }

    /** Returns the ticks seen, for tests that read the state. */
    public int ticks() {
        return ticks;
    }

    @OnTerminate
    void terminate(ExitReason reason) {
        events.add("terminate:audit:" + reason);
    }
}
