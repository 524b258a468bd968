package dev.genserver.spring.actuate.healthapp;

import dev.genserver.spring.annotation.GenServer;

/** The only child of the "fragile" supervisor, which gives up when it crashes. */
@GenServer(supervisor = "fragile")
public class Brittle implements BrittleApi {

    @Override
    public String ping() {
        return "pong";
    }

    @Override
    public String crash() {
        throw new IllegalStateException("brittle crashed on purpose");
    }
}
