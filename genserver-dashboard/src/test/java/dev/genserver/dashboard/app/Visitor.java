package dev.genserver.dashboard.app;

import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.ServerKey;

/** A keyed server, one per visitor name: the names the browser test makes hostile. */
@GenServer("visitor")
@Keyed(idleTimeout = "30m")
public class Visitor implements VisitorApi {

    @ServerKey
    String name;

    private int visits;

    @Override
    public int visit() {
        return ++visits;
    }
}
