package dev.genserver.benchmarks.footprint;

import dev.genserver.benchmarks.baseline.PekkoSupport;
import dev.genserver.benchmarks.baseline.PekkoSupport.SpawnIdle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Pekko typed: idle actors ({@code Behaviors.ignore()}) spawned with {@code spawnAnonymous} by
 * one guardian, as in the W5 anchor.
 */
public final class PekkoIdleSpawner implements IdleSpawner {

    private static final int CHUNK = 10_000;

    private final ActorSystem<SpawnIdle> system = PekkoSupport.start(PekkoSupport.spawner(), "w6");

    /** Starts the actor system. */
    public PekkoIdleSpawner() {
    }

    @Override
    public void spawn(int n) throws Exception {
        for (int done = 0; done < n; done += CHUNK) {
            int count = Math.min(CHUNK, n - done);
            CountDownLatch started = new CountDownLatch(count);
            system.tell(new SpawnIdle(count, started));
            if (!started.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("actors did not start: " + started.getCount() + " left");
            }
        }
    }

    @Override
    public void shutdown() throws Exception {
        PekkoSupport.stop(system);
    }
}
