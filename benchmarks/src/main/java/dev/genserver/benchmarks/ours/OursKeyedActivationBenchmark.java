package dev.genserver.benchmarks.ours;

import dev.genserver.benchmarks.ours.sessions.Sessions;
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
 * W11, ours: keyed activation through the Spring starter. One Spring Boot application per trial
 * ({@link Sessions}: a keyed {@code @GenServer} found by component scanning, run by the starter's
 * auto-configuration); each shot makes the first call to {@value #KEYS_PER_SHOT} new keys, one after
 * the other from one platform thread, through the injected {@code KeyedServers<SessionApi>}
 * ({@code sessions.get(key).touch()}: lookup, start under the dynamic supervisor with a fresh bean,
 * registration by key, the call). Keys are never reused, so after the 2 warm-up and 8 measured
 * shots 100k keyed servers are alive, as the workload states; the score is the mean time per
 * activation over the measured shots. Beside the Elixir script's {@code w11_activation}
 * ({@code Registry.lookup}, {@code DynamicSupervisor.start_child} with a {@code {:via, Registry,
 * key}} name, first {@code GenServer.call}). The heap of the activated servers is the
 * "W11 keyedHeap" row (footprint spawner {@code ours-spring-keyed}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsPrepend = "-Xmx2g")
public class OursKeyedActivationBenchmark {

    /** New keys activated per shot. */
    public static final int KEYS_PER_SHOT = 10_000;

    private Sessions sessions;
    private int nextKey;

    /** Starts the application once per trial. */
    @Setup
    public void setUp() {
        sessions = new Sessions();
        nextKey = 0;
    }

    /** Checks that every activated key has its server, then closes the application. */
    @TearDown
    public void tearDown() {
        if (sessions == null) {
            return;
        }
        try {
            int running = sessions.running();
            if (running != nextKey) {
                throw new IllegalStateException("expected " + nextKey + " keyed servers, found " + running);
            }
        } finally {
            sessions.close();
        }
    }

    /**
     * The first call to each of {@value #KEYS_PER_SHOT} new keys.
     *
     * @return the sum of the answers ({@value #KEYS_PER_SHOT} when every call was a first one)
     */
    @Benchmark
    @OperationsPerInvocation(KEYS_PER_SHOT)
    public long w11_activation() {
        long sum = 0;
        int last = nextKey + KEYS_PER_SHOT;
        for (int i = nextKey; i < last; i++) {
            sum += sessions.activate(i);
        }
        nextKey = last;
        if (sum != KEYS_PER_SHOT) {
            throw new IllegalStateException("a call to a new key was not its first: sum " + sum);
        }
        return sum;
    }
}
