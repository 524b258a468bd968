package dev.genserver.benchmarks.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * W16 and W17, the floor: Hazelcast's own member-targeted executor tasks between the same two
 * members ({@link HazelcastPair}), with a 64-byte payload, through the executor genserver-cluster
 * uses. W16: {@code submitToMember(callable, member).get()}, the round trip every remote call
 * contains. W17: {@code executeOnMember} fire-and-forget tasks, until the other member ran them
 * all. Same JMH configuration as {@link OursRemoteBenchmark}; column "floor:Hazelcast".
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class FloorHazelcastBenchmark {

    private final byte[] payload = new byte[64];
    private HazelcastPair pair;
    private IExecutorService executor;
    private Member target;

    /** Starts the two members. */
    @Setup
    public void setUp() {
        pair = HazelcastPair.start();
        executor = pair.second().getExecutorService(dev.genserver.cluster.hazelcast.HazelcastEngine.EXECUTOR);
        target = pair.firstAsSeenBySecond();
    }

    /** Shuts the members down. */
    @TearDown
    public void tearDown() {
        pair.close();
    }

    /**
     * One member-targeted task round trip.
     *
     * @return the task's answer
     * @throws Exception if the task failed
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public int w16_remoteCall() throws InterruptedException, ExecutionException, TimeoutException {
        return executor.submitToMember(new FloorTasks.Echo(payload), target).get(30, TimeUnit.SECONDS);
    }

    /**
     * {@value OursRemoteBenchmark#CASTS} fire-and-forget tasks, then waits until the other member
     * ran them all.
     *
     * @return the count
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    @OperationsPerInvocation(OursRemoteBenchmark.CASTS)
    public long w17_remoteCast() {
        long target = FloorTasks.COUNTED.get() + OursRemoteBenchmark.CASTS;
        for (int i = 0; i < OursRemoteBenchmark.CASTS; i++) {
            executor.executeOnMember(new FloorTasks.Count(payload), this.target);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (FloorTasks.COUNTED.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the other member ran " + (FloorTasks.COUNTED.get() - target
                        + OursRemoteBenchmark.CASTS) + " of " + OursRemoteBenchmark.CASTS + " tasks in 60 s");
            }
            Thread.onSpinWait();
        }
        return target;
    }
}
