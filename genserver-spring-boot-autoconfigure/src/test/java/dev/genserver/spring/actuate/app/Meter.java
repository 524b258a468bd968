package dev.genserver.spring.actuate.app;

import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.HandleCast;

/** A message-style server used only by the meter test, so its counts are known. */
@GenServer("meter")
public class Meter {

    /** Adds one (cast). */
    public record Tick() {
    }

    /** Returns the count (call). */
    public record Count() {
    }

    /** A cast nobody handles: a dead letter. */
    public record Unknown() {
    }

    private int ticks;

    @HandleCast
    void tick(Tick tick) {
        ticks++;
    }

    @HandleCall
    int count(Count request) {
        return ticks;
    }
}
