package dev.genserver.benchmarks.baseline;

import dev.genserver.benchmarks.baseline.PekkoSupport.Counter;
import dev.genserver.benchmarks.baseline.PekkoSupport.CounterCommand;
import dev.genserver.benchmarks.baseline.PekkoSupport.Increment;
import dev.genserver.benchmarks.support.VirtualCaller;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
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
 * W1 anchor: Pekko typed ask round trip, {@code AskPattern.ask(...).toCompletableFuture().get()},
 * one caller, sequential, against a counter actor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PekkoAskBenchmark {

    private ActorSystem<CounterCommand> system;

    /** Starts one actor system per trial; its guardian is the counter. */
    @Setup
    public void setUp() {
        system = PekkoSupport.start(Counter.create(), "w1");
    }

    /**
     * Terminates the system.
     *
     * @throws Exception if it did not terminate
     */
    @TearDown
    public void tearDown() throws Exception {
        PekkoSupport.stop(system);
    }

    private long ask() throws Exception {
        return PekkoSupport.<CounterCommand, Long>ask(system, Increment::new, system);
    }

    /**
     * One ask from the benchmark's platform thread.
     *
     * @return the counter's new value
     * @throws Exception if the ask failed
     */
    @Benchmark
    public long w1_platformCaller() throws Exception {
        return ask();
    }

    /**
     * {@link VirtualCaller#BATCH} sequential asks from one virtual thread.
     *
     * @return the sum of the replies
     * @throws Exception if an ask failed
     */
    @Benchmark
    @OperationsPerInvocation(VirtualCaller.BATCH)
    public long w1_virtualCaller() throws Exception {
        return VirtualCaller.run(VirtualCaller.BATCH, this::ask);
    }
}
