package dev.genserver.benchmarks.footprint;

import dev.genserver.benchmarks.ours.sessions.Sessions;

/**
 * Our runtime through the Spring starter (the "W11 keyedHeap" row): the application of
 * {@link Sessions} starts in the constructor; each server counted is a keyed {@code @GenServer}
 * instance activated by its first call through {@code KeyedServers<SessionApi>}, exactly as the W11
 * benchmark does, then left idle. The heap counted per server includes its bean, the starter's
 * adapter and context objects, its child record, registry entry, registered name and key, and its
 * armed idle (passivation) timer.
 */
public final class OursSpringKeyedSpawner implements IdleSpawner {

    private final Sessions sessions = new Sessions();
    private int nextKey;

    /** Starts the application. */
    public OursSpringKeyedSpawner() {
    }

    @Override
    public void spawn(int n) {
        for (int i = 0; i < n; i++) {
            sessions.activate(nextKey++);
        }
    }

    @Override
    public void shutdown() {
        sessions.close();
    }
}
