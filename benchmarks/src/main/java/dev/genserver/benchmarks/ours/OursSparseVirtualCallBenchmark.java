package dev.genserver.benchmarks.ours;

import dev.genserver.benchmarks.support.Sparse;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * W10, ours, virtual-thread caller: W10's sparse call ({@link OursSparseCallBenchmark}) made by a
 * virtual thread, what a Spring application with {@code spring.threads.virtual.enabled=true} sees.
 * The fork runs JMH's benchmark threads as virtual threads ({@code -Djmh.executor=VIRTUAL}, JMH
 * 1.37; prepended, because the report's runner sets the forks' appended options and those replace
 * an annotation's), so the 1 ms pause ({@link Sparse}, untimed), the call and its timing all happen on the
 * virtual caller itself: no hand-off to or from a platform thread is inside the sample. Each sample
 * is one call; the report quotes the median ("W10 sparseVirtual") and the 99th percentile
 * ("W10 sparseVirtualP99"), beside the Elixir anchor's W10 figures (the Elixir caller is a process,
 * the same in both rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Djmh.executor=VIRTUAL")
public class OursSparseVirtualCallBenchmark {

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

    /**
     * One call from a virtual thread after the caller and the server have been idle for 1 ms.
     *
     * @param pause sleeps before each invocation, untimed
     * @return the counter's new value
     * @throws IllegalStateException if JMH did not run this benchmark on a virtual thread
     */
    @Benchmark
    public long w10_sparseVirtual(Sparse pause) {
        if (!Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("W10 sparseVirtual must run on a virtual thread: run its fork with "
                    + "-Djmh.executor=VIRTUAL (JMH 1.37 or later)");
        }
        return OursSupport.increment(counter);
    }
}
