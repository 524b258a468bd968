package dev.genserver.benchmarks.footprint;

import dev.genserver.benchmarks.ours.OursSupport.Idle;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.StartOptions;

/**
 * Our runtime: idle servers ({@code OursSupport.Idle}) started with
 * {@code runtime.start(Idle::new, defaults)}, as in the W5 benchmark. Each start returns after
 * init, so every server counted is running and idle. The spawner keeps no reference to the
 * servers: the runtime's own bookkeeping holds them, and is counted.
 */
public final class OursIdleSpawner implements IdleSpawner {

    private final ProcessRuntime runtime = ProcessRuntime.create();

    /** Creates the runtime. */
    public OursIdleSpawner() {
    }

    @Override
    public void spawn(int n) {
        StartOptions options = StartOptions.defaults();
        for (int i = 0; i < n; i++) {
            runtime.start(Idle::new, options);
        }
        if (runtime.serverCount() < n) {
            throw new IllegalStateException("only " + runtime.serverCount() + " servers alive after " + n + " starts");
        }
    }

    @Override
    public void shutdown() {
        runtime.close();
    }
}
