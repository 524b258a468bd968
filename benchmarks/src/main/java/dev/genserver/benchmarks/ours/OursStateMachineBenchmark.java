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
 * W14: a state machine's events beside a plain server doing the same work (issue 13's target:
 * the machine costs at most 1.2 × the server per event). Both flip a switch ON/OFF and count the
 * flips, one cast per flip, then answer one sync call with the count: the server keeps the switch
 * and the count in its state record, the machine the switch as its state and the count as its data
 * (so every event is a change of state, the costlier path: the state timeout and the postponed
 * events are checked; neither overrides a state-enter callback, the server has none). Same shape
 * as W3: one batch per iteration, the score is nanoseconds per event. Both run in one runtime, so
 * the server loop's call to the handler sees both kinds of server in every fork. The target is a
 * ratio of two single-server loops, each sensitive to where the host places the sender's and the
 * server's threads: 3 forks of 10 shots, so that one slow fork does not decide it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(3)
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

    /**
     * Starts both in one runtime per trial, and sends each a batch, so that the loop that calls
     * the handlers has seen both kinds of server whichever is measured.
     */
    @Setup
    public void setUp() {
        runtime = ProcessRuntime.create();
        server = runtime.start(SwitchServer::new).ref();
        machine = runtime.start(StateMachine.server(SwitchMachine::new)).ref();
        run(server);
        run(machine);
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
    public long w14_server() {
        return run(server);
    }

    /**
     * The state machine: {@link #EVENTS} casts (each a change of state), then a sync call.
     *
     * @return the flips
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long w14_machine() {
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
