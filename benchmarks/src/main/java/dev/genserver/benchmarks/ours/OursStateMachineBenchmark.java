package dev.genserver.benchmarks.ours;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.statem.Action;
import dev.genserver.statem.Event;
import dev.genserver.statem.StateInit;
import dev.genserver.statem.StateMachine;
import dev.genserver.statem.Transition;
import java.time.Duration;
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
 * A state machine's events/s beside a plain server doing the same work (issue 13's target: the
 * machine costs at most 1.2 × the server). Both flip a switch ON/OFF and count the flips, one
 * cast per flip, then answer one sync call: the server keeps the switch in its state record, the
 * machine as its state (so every event is a change of state, the costlier path: postponed events
 * checked, state timeout cancelled, enter callback called). Same shape as W3: one batch per
 * iteration, the score is nanoseconds per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class OursStateMachineBenchmark {

    /** Events per batch. */
    public static final int EVENTS = 200_000;

    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    /** The switch's positions. */
    enum Position { ON, OFF }

    /** The plain server's state. */
    record Switch(Position position, long flips) {
    }

    /** The plain server: the switch in its state. */
    static final class SwitchServer implements GenServer<Switch> {
        @Override
        public Init<Switch> init(ServerContext ctx) {
            return Init.ok(new Switch(Position.OFF, 0));
        }

        @Override
        public Result<Switch> handleCast(Object message, Switch s) {
            return Result.noReply(new Switch(s.position() == Position.ON ? Position.OFF : Position.ON, s.flips() + 1));
        }

        @Override
        public Result<Switch> handleCall(Object request, ReplyTo from, Switch s) {
            return Result.reply(s.flips(), s);
        }
    }

    /** The machine: the switch as its state, the count as its data. */
    static final class SwitchMachine implements StateMachine<Position, Long> {
        @Override
        public StateInit<Position, Long> init(ServerContext ctx) {
            return StateInit.ok(Position.OFF, 0L);
        }

        @Override
        public Transition<Position, Long> handleEvent(Event event, Position state, Long flips) {
            if (event instanceof Event.Call(Object request, ReplyTo from)) {
                return Transition.keepState(Action.reply(from, flips));
            }
            return Transition.next(state == Position.ON ? Position.OFF : Position.ON, flips + 1);
        }
    }

    private ProcessRuntime runtime;
    private ServerRef server;
    private ServerRef machine;

    /** Starts both in one runtime per trial. */
    @Setup
    public void setUp() {
        runtime = ProcessRuntime.create();
        server = runtime.start(SwitchServer::new).ref();
        machine = runtime.start(StateMachine.server(SwitchMachine::new)).ref();
    }

    /** Closes the runtime. */
    @TearDown
    public void tearDown() {
        OursSupport.close(runtime);
    }

    /**
     * The plain server: {@link #EVENTS} casts, then a sync call.
     *
     * @return the flips
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long statem_server() {
        return run(server);
    }

    /**
     * The state machine: {@link #EVENTS} casts (each a change of state), then a sync call.
     *
     * @return the flips
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long statem_machine() {
        return run(machine);
    }

    private static long run(ServerRef ref) {
        for (int i = 0; i < EVENTS; i++) {
            ref.cast(Position.ON);
        }
        Long flips = ref.call(Position.OFF, SYNC_TIMEOUT);
        return flips;
    }
}
