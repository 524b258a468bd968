package dev.genserver.benchmarks.baseline;

import dev.genserver.benchmarks.baseline.PekkoSupport.Counter;
import dev.genserver.benchmarks.baseline.PekkoSupport.CounterCommand;
import dev.genserver.benchmarks.baseline.PekkoSupport.Increment;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2 anchor: 2 and 8 platform threads asking one Pekko counter actor at once; the score is the
 * total asks per second over all caller threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PekkoContendedAskBenchmark {

    private ActorSystem<CounterCommand> system;

    /** Starts one actor system per trial; its guardian is the shared counter. */
    @Setup
    public void setUp() {
        system = PekkoSupport.start(Counter.create(), "w2");
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
     * One ask; run by 2 caller threads.
     *
     * @return the counter's new value
     * @throws Exception if the ask failed
     */
    @Benchmark
    @Threads(2)
    public long w2_callers2() throws Exception {
        return ask();
    }

    /**
     * One ask; run by 8 caller threads.
     *
     * @return the counter's new value
     * @throws Exception if the ask failed
     */
    @Benchmark
    @Threads(8)
    public long w2_callers8() throws Exception {
        return ask();
    }
}
