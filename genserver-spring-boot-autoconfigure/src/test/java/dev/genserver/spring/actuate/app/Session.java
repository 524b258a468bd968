package dev.genserver.spring.actuate.app;

import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.ServerKey;

/** A keyed server: one per user. */
@GenServer("session")
@Keyed(idleTimeout = "30m")
public class Session implements SessionApi {

    @ServerKey
    String user;

    private int touches;

    @Override
    public int touch() {
        return ++touches;
    }
}
