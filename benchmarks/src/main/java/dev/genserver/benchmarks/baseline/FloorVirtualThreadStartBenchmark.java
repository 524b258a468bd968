package dev.genserver.benchmarks.baseline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JVM floor for W5: start a virtual thread and wait until it has run its first line (it flips a
 * flag), 100k times from one platform thread, as W5 starts 100k servers. This is the least a start
 * can cost when, as OTP's {@code start} does, it returns only after the new process ran its
 * {@code init} on its own thread: our starts do this plus the server's bookkeeping.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 100k starts take well under a second: 8 measured shots, so that one young GC of the live
// servers does not decide the mean.
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(1)
public class FloorVirtualThreadStartBenchmark {

    /** Threads started per iteration. */
    public static final int STARTS = 100_000;

    /**
     * Starts 100k virtual threads, each waited for until it ran: spin, then yield, as our
     * starter does.
     *
     * @return how many ran
     */
    @Benchmark
    @OperationsPerInvocation(STARTS)
    public int w5_start() {
        int ran = 0;
        for (int i = 0; i < STARTS; i++) {
            AtomicBoolean started = new AtomicBoolean();
            Thread.ofVirtual().start(() -> started.setRelease(true));
            for (int spins = 0; !started.getAcquire(); spins++) {
                if (spins < 128) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            ran++;
        }
        return ran;
    }
}
