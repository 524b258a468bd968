package dev.genserver.dashboard.app;

import dev.genserver.spring.annotation.GenServer;

/** A server under "work" that crashes on demand, with the exception message it is given. */
@GenServer(supervisor = "work")
public class Fragile implements FragileApi {

    @Override
    public int crash(String message) {
        throw new IllegalStateException(message);
    }
}
