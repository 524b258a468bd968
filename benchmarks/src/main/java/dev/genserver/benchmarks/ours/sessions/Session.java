package dev.genserver.benchmarks.ours.sessions;

import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.ServerKey;

/**
 * A keyed server, one instance per key, with the starter's defaults (idle timeout 30 minutes, no
 * instance limit): a user session that counts its requests. The smallest keyed server a user can
 * write: its cost is the starter's, not the application's.
 */
@GenServer("session")
@Keyed
public class Session implements SessionApi {

    @ServerKey
    Object key;

    private long touches;

    /** A fresh instance; the bean factory creates one per activation. */
    public Session() {
    }

    @Override
    public long touch() {
        return ++touches;
    }
}
