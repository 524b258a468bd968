package dev.genserver.benchmarks.footprint;

/**
 * Spawns idle servers of one runtime, for the W6 footprint harness.
 *
 * <p>The runtime itself (an actor system, a scheduler, ...) is started when the spawner is created
 * (see {@link IdleSpawners}), before the harness takes its baseline heap reading, so only the
 * servers are counted.
 */
public interface IdleSpawner {

    /**
     * Spawns {@code n} more idle servers and returns once every one of them is running and idle
     * (its init has run, it waits for messages). Servers stay alive until {@link #shutdown()}; the
     * spawner must keep whatever references the runtime itself needs and nothing more, since all
     * heap it retains is counted.
     *
     * @param n how many servers to add
     * @throws Exception if spawning failed
     */
    void spawn(int n) throws Exception;

    /**
     * Stops every server and the runtime.
     *
     * @throws Exception if stopping failed
     */
    void shutdown() throws Exception;
}
