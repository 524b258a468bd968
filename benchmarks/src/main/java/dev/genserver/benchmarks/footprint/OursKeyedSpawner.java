package dev.genserver.benchmarks.footprint;

import dev.genserver.benchmarks.ours.KeyedCounters;

/**
 * Our runtime, keyed (the "W9 keyedHeap" row): each server is a counter started on demand for a new
 * key under a {@code DynamicSupervisor} and named through a {@code Registry}, then called once
 * ("touched"), exactly as the W9 benchmark's setup does. The heap counted per server includes its
 * registry entry, its supervisor's child record and the key.
 */
public final class OursKeyedSpawner implements IdleSpawner {

    private final KeyedCounters keyed = new KeyedCounters();
    private int nextKey;

    /** Creates the runtime, its registry and the dynamic supervisor. */
    public OursKeyedSpawner() {
    }

    @Override
    public void spawn(int n) {
        for (int i = 0; i < n; i++) {
            keyed.increment(KeyedCounters.key(nextKey++));
        }
    }

    @Override
    public void shutdown() {
        keyed.close();
    }
}
