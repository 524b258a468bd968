package dev.genserver.spring.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Remembers, for a while, which keyed server instances ended by passivation, so that a call that
 * found such an instance stopped can safely be sent again to a fresh one: passivation happens
 * between messages, so that call was never handled. Entries older than a minute are forgotten.
 */
final class PassivationLog {

    /** Creates the instance. */
    public PassivationLog() {
    }

    private static final long KEEP_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int PURGE_ABOVE = 1024;

    private final Map<Long, Long> passivated = new ConcurrentHashMap<>();

    /**
     * Records that a server passivated.
     *
     * @param serverId its {@link dev.genserver.process.ServerRef#id()}
     */
    public void passivated(long serverId) {
        long now = System.nanoTime();
        passivated.put(serverId, now);
        if (passivated.size() > PURGE_ABOVE) {
            passivated.values().removeIf(at -> now - at > KEEP_NANOS);
        }
    }

    /**
     * Records that a server (re)started: its next exit is not known yet.
     *
     * @param serverId its id
     */
    public void started(long serverId) {
        passivated.remove(serverId);
    }

    /**
     * Tells whether the last exit of a server was a passivation.
     *
     * @param serverId its id
     * @return true after a recent passivation
     */
    public boolean wasPassivated(long serverId) {
        return passivated.containsKey(serverId);
    }
}
