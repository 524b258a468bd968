package dev.genserver.benchmarks.ours;

import dev.genserver.benchmarks.support.VirtualCaller;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import java.util.concurrent.TimeUnit;
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
 * W1, ours: call round trip, {@code ref.call(Increment)}, one caller, sequential, against a counter
 * server; beside {@code PekkoAskBenchmark} (same JMH configuration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OursCallBenchmark {

    private ProcessRuntime runtime;
    private ServerRef counter;

    /** Starts one runtime per trial, and the counter in it. */
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

    private long call() {
        return OursSupport.increment(counter);
    }

    /**
     * One call from the benchmark's platform thread.
     *
     * @return the counter's new value
     */
    @Benchmark
    public long w1_platformCaller() {
        return call();
    }

    /**
     * {@link VirtualCaller#BATCH} sequential calls from one virtual thread.
     *
     * @return the sum of the replies
     * @throws Exception if a call failed
     */
    @Benchmark
    @OperationsPerInvocation(VirtualCaller.BATCH)
    public long w1_virtualCaller() throws Exception {
        return VirtualCaller.run(VirtualCaller.BATCH, this::call);
    }
}
