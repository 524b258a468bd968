package dev.genserver.benchmarks.ours;

import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import java.util.concurrent.TimeUnit;
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
 * W2, ours: 2 and 8 platform threads calling one counter server at once; the score is the total
 * calls per second over all caller threads. Beside {@code PekkoContendedAskBenchmark} (same JMH
 * configuration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OursContendedCallBenchmark {

    private ProcessRuntime runtime;
    private ServerRef counter;

    /** Starts one runtime per trial, and the shared counter in it. */
    @Setup
    public void setUp() {
        runtime = ProcessRuntime.create();
        counter = OursSupport.startCounter(runtime);
    }

    /** Closes the runtime. */
    @TearDown
    public void tearDown() {
        OursSupport.close(runtime);
    }

    /**
     * One call; run by 2 caller threads.
     *
     * @return the counter's new value
     */
    @Benchmark
    @Threads(2)
    public long w2_callers2() {
        return OursSupport.increment(counter);
    }

    /**
     * One call; run by 8 caller threads.
     *
     * @return the counter's new value
     */
    @Benchmark
    @Threads(8)
    public long w2_callers8() {
        return OursSupport.increment(counter);
    }
}
