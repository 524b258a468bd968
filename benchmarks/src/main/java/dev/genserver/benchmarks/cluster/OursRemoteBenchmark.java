package dev.genserver.benchmarks.cluster;

import dev.genserver.benchmarks.ours.OursSupport;
import dev.genserver.benchmarks.ours.OursSupport.Add;
import dev.genserver.benchmarks.ours.OursSupport.Counter;
import dev.genserver.benchmarks.ours.OursSupport.Get;
import dev.genserver.benchmarks.ours.OursSupport.Increment;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusterOptions;
import dev.genserver.cluster.ClusterRef;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.cluster.JsonMessageCodec;
import dev.genserver.cluster.hazelcast.HazelcastEngine;
import dev.genserver.process.ProcessRuntime;
import java.time.Duration;
import java.util.List;
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
 * W16 and W17, ours: a counter singleton on the older of two members ({@link HazelcastPair}, real
 * loopback TCP), called and cast from the younger one through {@link ClusterNode#singleton}: the
 * whole remote path (codec, batch, {@code submitToMember} delivery, reply task). Beside
 * {@link FloorHazelcastBenchmark} (same JMH configuration).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class OursRemoteBenchmark {

    /** Casts per W17 invocation. */
    public static final int CASTS = 20_000;

    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    private HazelcastPair pair;
    private ProcessRuntime hostRuntime;
    private ProcessRuntime callerRuntime;
    private ClusterNode host;
    private ClusterNode caller;
    private ClusterRef counter;

    /** Starts the two members, a node on each, and waits until the caller reaches the counter. */
    @Setup
    public void setUp() {
        pair = HazelcastPair.start();
        hostRuntime = ProcessRuntime.create();
        callerRuntime = ProcessRuntime.create();
        List<ClusteredServer> servers = List.of(ClusteredServer.singleton("counter", token -> new Counter())
                .accepting(Increment.class, Add.class, Get.class));
        ClusterOptions options = ClusterOptions.defaults().withCallTimeout(Duration.ofSeconds(30));
        host = ClusterNode.start(hostRuntime, new HazelcastEngine(pair.first()), options, new JsonMessageCodec(),
                servers);
        caller = ClusterNode.start(callerRuntime, new HazelcastEngine(pair.second()), options,
                new JsonMessageCodec(), servers);
        counter = caller.singleton("counter");
        // the first call waits until the host runs the singleton
        Long first = counter.call(Increment.INSTANCE, Duration.ofSeconds(60));
        if (first == null || !host.fencingToken("counter").isPresent()) {
            throw new IllegalStateException("the counter singleton does not run on the older member");
        }
    }

    /** Stops the nodes, the runtimes and the members. */
    @TearDown
    public void tearDown() {
        caller.close();
        host.close();
        OursSupport.close(callerRuntime);
        OursSupport.close(hostRuntime);
        pair.close();
    }

    /**
     * One remote call round trip: {@code Increment} to the singleton on the other member.
     *
     * @return the counter's new value
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public long w16_remoteCall() {
        Long value = counter.call(Increment.INSTANCE);
        return value;
    }

    /**
     * {@value #CASTS} remote casts, then one call that returns once all were handled (one channel
     * per member pair keeps them in order).
     *
     * @return the counter's value
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 5)
    @Measurement(iterations = 10)
    @OperationsPerInvocation(CASTS)
    public long w17_remoteCast() {
        for (int i = 0; i < CASTS; i++) {
            counter.cast(Add.INSTANCE);
        }
        Long value = counter.call(Get.INSTANCE, SYNC_TIMEOUT);
        return value;
    }
}
