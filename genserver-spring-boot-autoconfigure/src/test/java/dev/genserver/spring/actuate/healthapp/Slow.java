package dev.genserver.spring.actuate.healthapp;

import dev.genserver.spring.annotation.GenServer;

/** A server whose mailbox backs up while it is suspended. */
@GenServer("slow")
public class Slow implements SlowApi {

    private int nudges;

    @Override
    public void nudge() {
        nudges++;
    }

    @Override
    public int nudges() {
        return nudges;
    }
}
