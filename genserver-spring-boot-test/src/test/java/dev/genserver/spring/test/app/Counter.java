package dev.genserver.spring.test.app;

import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;

/** A counter. */
@GenServer("counter")
public class Counter implements CounterApi {

    /** Asks for the count by message. */
    public record Get() {
    }

    private int count;

    @Override
    public void increment(int by) {
        count += by;
    }

    @Override
    public int value() {
        return count;
    }

    @HandleCall
    int get(Get request) {
        return count;
    }

    @Override
    public String toString() {
        return "Counter[count=" + count + "]";
    }
}
