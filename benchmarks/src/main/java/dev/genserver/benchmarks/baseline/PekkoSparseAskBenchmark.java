package dev.genserver.benchmarks.baseline;

import dev.genserver.benchmarks.baseline.PekkoSupport.Counter;
import dev.genserver.benchmarks.baseline.PekkoSupport.CounterCommand;
import dev.genserver.benchmarks.baseline.PekkoSupport.Increment;
import dev.genserver.benchmarks.support.Sparse;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W10 anchor: sparse ask. One platform thread asks the counter actor
 * ({@code AskPattern.ask(...).toCompletableFuture().get()}), then sleeps 1 ms ({@link Sparse},
 * untimed) so that the caller and the actor system's dispatcher threads go idle before the next
 * ask. Sampled: the report quotes the median and the 99th percentile. Same configuration as
 * {@code OursSparseCallBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PekkoSparseAskBenchmark {

    private ActorSystem<CounterCommand> system;

    /** Starts one actor system per trial; its guardian is the counter. */
    @Setup
    public void setUp() {
        system = PekkoSupport.start(Counter.create(), "w10");
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

    /**
     * One ask after 1 ms of idleness.
     *
     * @param pause sleeps before each invocation, untimed
     * @return the counter's new value
     * @throws Exception if the ask failed
     */
    @Benchmark
    public long w10_sparse(Sparse pause) throws Exception {
        return PekkoSupport.<CounterCommand, Long>ask(system, Increment::new, system);
    }
}
