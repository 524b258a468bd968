package dev.genserver.benchmarks.ours;

import dev.genserver.benchmarks.ours.OursSupport.Idle;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.supervisor.ChildSpec;
import dev.genserver.supervisor.RestartType;
import dev.genserver.supervisor.Supervisor;
import dev.genserver.supervisor.SupervisorSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * W12, ours: a supervisor's child bookkeeping at scale. One shot starts N temporary idle children
 * one by one through {@link Supervisor#startChild}, then terminates them one by one, oldest first,
 * through {@link Supervisor#terminateChild} (which forgets a temporary child), so the supervisor
 * ends empty. The figure is the time per child (one start and one terminate). With a child found
 * by id in constant time the 100k figure stays close to the 1k one; OTP's own suite allows
 * 10 × linear. Each shot uses a fresh runtime and supervisor, created and closed untimed. No
 * anchor: neither Pekko nor the Elixir script has this row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// A 100k shot takes seconds: 2 warm-up and 3 measured shots. A 1k shot takes a fraction of a
// second, mostly JIT warm-up at first: 20 warm-up and 10 measured shots (see the method).
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class OursSupervisorChildrenBenchmark {

    /** Children per shot of the small case. */
    public static final int SMALL = 1_000;
    /** Children per shot of the large case. */
    public static final int LARGE = 100_000;

    private ProcessRuntime runtime;
    private Supervisor supervisor;
    private ChildSpec[] specs;

    /** Builds the children's specs once. */
    @Setup(Level.Trial)
    public void specs() {
        specs = new ChildSpec[LARGE];
        for (int i = 0; i < LARGE; i++) {
            specs[i] = ChildSpec.worker("child-" + i, Idle::new).withRestart(RestartType.TEMPORARY);
        }
    }

    /** Starts a fresh runtime and an empty one-for-one supervisor for the shot. */
    @Setup(Level.Iteration)
    public void setUp() {
        runtime = ProcessRuntime.create();
        supervisor = Supervisor.start(runtime, SupervisorSpec.oneForOne());
    }

    /** Closes the shot's runtime. */
    @TearDown(Level.Iteration)
    public void tearDown() {
        OursSupport.close(runtime);
        runtime = null;
        supervisor = null;
    }

    /**
     * Starts then terminates 1,000 children one by one.
     *
     * @return the children left (0)
     */
    @Benchmark
    @OperationsPerInvocation(SMALL)
    @Warmup(iterations = 20)
    @Measurement(iterations = 10)
    public int w12_children1k() {
        return startThenTerminate(SMALL);
    }

    /**
     * Starts then terminates 100,000 children one by one.
     *
     * @return the children left (0)
     */
    @Benchmark
    @OperationsPerInvocation(LARGE)
    public int w12_children100k() {
        return startThenTerminate(LARGE);
    }

    private int startThenTerminate(int n) {
        for (int i = 0; i < n; i++) {
            supervisor.startChild(specs[i]);
        }
        for (int i = 0; i < n; i++) {
            supervisor.terminateChild(specs[i].id());
        }
        return supervisor.countChildren().specs();
    }
}
