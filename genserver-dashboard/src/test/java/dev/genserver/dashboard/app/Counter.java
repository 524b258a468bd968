package dev.genserver.dashboard.app;

import dev.genserver.spring.annotation.GenServer;

/** A counter under "work": the server the browser test restarts. */
@GenServer(supervisor = "work")
public class Counter implements CounterApi {

    private int count;

    @Override
    public int increment() {
        return ++count;
    }
}
