package dev.genserver.dashboard.app;

import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.OnInit;
import java.time.Duration;

/**
 * A counter under "work": the server the browser test restarts, with a timer pending for an hour
 * (the timer the detail panel shows).
 */
@GenServer(supervisor = "work")
public class Counter implements CounterApi {

    /** The message of the counter's pending timer. */
    public record Reminder() {
    }

    private int count;

    @OnInit
    void init(GenServerContext ctx) {
        ctx.sendAfter(new Reminder(), Duration.ofHours(1));
    }

    @Override
    public int increment() {
        return ++count;
    }
}
