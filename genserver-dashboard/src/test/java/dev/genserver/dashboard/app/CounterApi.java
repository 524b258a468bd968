package dev.genserver.dashboard.app;

/** The counter's client interface. */
public interface CounterApi {

    /** Adds one and returns the count (call). */
    int increment();
}
