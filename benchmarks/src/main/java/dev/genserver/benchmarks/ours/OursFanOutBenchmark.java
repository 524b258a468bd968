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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W4, ours: fan-out. 10k counter servers; {@value #CALLERS} caller threads each call a server picked
 * at random (its own pseudo-random sequence), so the callers spread over all servers and rarely
 * meet on one. The score is the total calls per second. Beside {@code PekkoFanOutBenchmark} and the
 * Elixir script's {@code w4_fanout} (8 caller processes over 10k servers); the configuration is
 * W2's (the other multi-caller throughput row), with W2's larger caller count.
 * {@code OursKeyedBenchmark} (W9) uses the same callers and configuration, so that W9 random access
 * compares with this row as its target asks.
 *
 * <p>{@code w4_fanoutVirtual} is the deployment of a Spring application with
 * {@code spring.threads.virtual.enabled=true}: the {@value #CALLERS} callers are virtual threads
 * (each JMH thread runs batches of {@link VirtualCaller#BATCH} calls in a virtual thread and waits
 * for it), so callers and servers share the same carrier threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OursFanOutBenchmark {

    /** Servers fanned out over. */
    public static final int SERVERS = 10_000;

    /** Caller threads. */
    public static final int CALLERS = 8;

    private ProcessRuntime runtime;
    private ServerRef[] servers;

    /** Starts one runtime per trial, and the 10k counters in it. */
    @Setup
    public void setUp() {
        runtime = ProcessRuntime.create();
        servers = new ServerRef[SERVERS];
        for (int i = 0; i < SERVERS; i++) {
            servers[i] = OursSupport.startCounter(runtime);
        }
    }

    /** Closes the runtime. */
    @TearDown
    public void tearDown() {
        OursSupport.close(runtime);
        servers = null;
    }

    /**
     * One call to a random server.
     *
     * @param caller the calling thread's random sequence
     * @return the server's new value
     */
    @Benchmark
    @Threads(CALLERS)
    public long w4_fanout(Caller caller) {
        return OursSupport.increment(servers[caller.next(SERVERS)]);
    }

    /**
     * {@link VirtualCaller#BATCH} calls to random servers from one virtual thread; run by
     * {@value #CALLERS} JMH threads, so {@value #CALLERS} virtual callers at a time.
     *
     * @param caller the calling thread's random sequence (used by its virtual thread only while
     *               the JMH thread waits for it)
     * @return the sum of the replies
     * @throws Exception if a call failed
     */
    @Benchmark
    @Threads(CALLERS)
    @OperationsPerInvocation(VirtualCaller.BATCH)
    public long w4_fanoutVirtual(Caller caller) throws Exception {
        return VirtualCaller.run(VirtualCaller.BATCH, () -> OursSupport.increment(servers[caller.next(SERVERS)]));
    }

    /** Each caller thread's own pseudo-random sequence (xorshift: no shared state, no allocation). */
    @State(Scope.Thread)
    public static class Caller {

        private long seed;

        /** Seeds the sequence differently for every thread. */
        @Setup
        public void setUp() {
            seed = System.nanoTime() ^ Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L;
            if (seed == 0) {
                seed = 1;
            }
        }

        /**
         * The next index.
         *
         * @param bound exclusive upper bound
         * @return an index in {@code [0, bound)}
         */
        public int next(int bound) {
            long x = seed;
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            seed = x;
            return (int) ((x >>> 33) % bound);
        }
    }
}
