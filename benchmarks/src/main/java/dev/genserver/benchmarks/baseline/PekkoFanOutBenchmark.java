package dev.genserver.benchmarks.baseline;

import dev.genserver.benchmarks.baseline.PekkoSupport.Counter;
import dev.genserver.benchmarks.baseline.PekkoSupport.CounterCommand;
import dev.genserver.benchmarks.baseline.PekkoSupport.Increment;
import dev.genserver.benchmarks.ours.OursFanOutBenchmark;
import dev.genserver.benchmarks.ours.OursFanOutBenchmark.Caller;
import dev.genserver.benchmarks.support.VirtualCaller;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W4 anchor: fan-out over 10k Pekko counter actors ({@code spawnAnonymous} by the guardian);
 * {@value OursFanOutBenchmark#CALLERS} callers each ask an actor picked at random (the same random
 * sequences as {@code OursFanOutBenchmark}); the score is the total asks per second.
 * {@code w4_fanout} asks from platform threads, {@code w4_fanoutVirtual} from virtual threads
 * (batches of {@link VirtualCaller#BATCH}). Same configuration as the ours benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PekkoFanOutBenchmark {

    private ActorSystem<Void> system;
    private ActorRef<CounterCommand>[] counters;

    /**
     * Starts one actor system per trial whose guardian spawns the 10k counters.
     *
     * @throws InterruptedException if interrupted while waiting for the guardian
     */
    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws InterruptedException {
        ActorRef<CounterCommand>[] refs = new ActorRef[OursFanOutBenchmark.SERVERS];
        CountDownLatch spawned = new CountDownLatch(1);
        system = PekkoSupport.start(Behaviors.<Void>setup(context -> {
            for (int i = 0; i < refs.length; i++) {
                refs[i] = context.spawnAnonymous(Counter.create());
            }
            spawned.countDown();
            return Behaviors.empty();
        }), "w4");
        if (!spawned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the guardian did not spawn the counters within 60 s");
        }
        counters = refs;
    }

    /**
     * Terminates the system.
     *
     * @throws Exception if it did not terminate
     */
    @TearDown
    public void tearDown() throws Exception {
        PekkoSupport.stop(system);
        counters = null;
    }

    private long ask(Caller caller) throws Exception {
        return PekkoSupport.<CounterCommand, Long>ask(counters[caller.next(counters.length)], Increment::new, system);
    }

    /**
     * One ask to a random counter from a platform thread.
     *
     * @param caller the calling thread's random sequence
     * @return the counter's new value
     * @throws Exception if the ask failed
     */
    @Benchmark
    @Threads(OursFanOutBenchmark.CALLERS)
    public long w4_fanout(Caller caller) throws Exception {
        return ask(caller);
    }

    /**
     * {@link VirtualCaller#BATCH} asks to random counters from one virtual thread.
     *
     * @param caller the calling thread's random sequence
     * @return the sum of the replies
     * @throws Exception if an ask failed
     */
    @Benchmark
    @Threads(OursFanOutBenchmark.CALLERS)
    @OperationsPerInvocation(VirtualCaller.BATCH)
    public long w4_fanoutVirtual(Caller caller) throws Exception {
        return VirtualCaller.run(VirtualCaller.BATCH, () -> ask(caller));
    }
}
