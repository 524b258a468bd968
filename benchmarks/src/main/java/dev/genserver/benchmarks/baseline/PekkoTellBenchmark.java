package dev.genserver.benchmarks.baseline;

import dev.genserver.benchmarks.baseline.PekkoSupport.Add;
import dev.genserver.benchmarks.baseline.PekkoSupport.Counter;
import dev.genserver.benchmarks.baseline.PekkoSupport.CounterCommand;
import dev.genserver.benchmarks.baseline.PekkoSupport.Get;
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
 * W3 anchor: one sender tells 1M increments to one Pekko counter actor, then asks once to sync.
 * Each iteration is one such batch; the score is nanoseconds per tell (the report shows tells/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class PekkoTellBenchmark {

    /** Tells per batch. */
    public static final int TELLS = 1_000_000;

    private ActorSystem<CounterCommand> system;

    /** Starts one actor system per trial; its guardian is the counter. */
    @Setup
    public void setUp() {
        system = PekkoSupport.start(Counter.create(), "w3");
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
     * 1M tells, then one ask that returns once all of them have been handled.
     *
     * @return the counter's value
     * @throws Exception if the ask failed
     */
    @Benchmark
    @OperationsPerInvocation(TELLS)
    public long w3_cast() throws Exception {
        for (int i = 0; i < TELLS; i++) {
            system.tell(Add.INSTANCE);
        }
        return PekkoSupport.<CounterCommand, Long>ask(system, Get::new, system);
    }
}
