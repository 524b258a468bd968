package dev.genserver.benchmarks.baseline;

import dev.genserver.benchmarks.baseline.PekkoSupport.SpawnIdle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W5 anchor: {@code spawnAnonymous} × 100k idle actors from one parent, timed until every child
 * has run its setup (so a "start" means a running actor, as {@code GenServer.start} returns after
 * {@code init}). Each iteration uses a fresh actor system, so the children of one iteration never
 * weigh on the next; starting and terminating that system is not timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 100k starts take well under a second: 8 measured shots, so that one young GC of the live
// servers does not decide the mean.
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(1)
public class PekkoSpawnBenchmark {

    /** Actors spawned per iteration. */
    public static final int SPAWNS = 100_000;

    private ActorSystem<SpawnIdle> system;

    /** Starts a fresh actor system for the iteration. */
    @Setup(Level.Iteration)
    public void setUp() {
        system = PekkoSupport.start(PekkoSupport.spawner(), "w5");
    }

    /**
     * Terminates the iteration's system, and with it all its actors.
     *
     * @throws Exception if it did not terminate
     */
    @TearDown(Level.Iteration)
    public void tearDown() throws Exception {
        PekkoSupport.stop(system);
        system = null;
    }

    /**
     * Spawns 100k idle actors and waits until all are running.
     *
     * @return the latch's remaining count (zero)
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public long w5_start() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(SPAWNS);
        system.tell(new SpawnIdle(SPAWNS, started));
        if (!started.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("children did not start: " + started.getCount() + " left");
        }
        return started.getCount();
    }
}
