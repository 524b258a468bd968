package dev.genserver.statem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServerException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A machine's server keeps its state and data in place (no record per event): what inspection,
 * replaceState and terminate see of them (contract §14.6, §14.7).
 */
class MachineStateSnapshotTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    /**
     * Counts "tick" casts in its data, flipping between "even" and "odd"; "tick-then-boom" changes
     * both, then crashes on the event it inserts; "stop" stops after changing both.
     */
    static final class Ticker implements StateMachine<String, Integer> {
        final CompletableFuture<MachineState<String, Integer>> terminated = new CompletableFuture<>();

        public StateInit<String, Integer> init(ServerContext ctx) {
            return StateInit.ok("even", 0);
        }

        public Transition<String, Integer> handleEvent(Event event, String state, Integer ticks) {
            return switch (event) {
                case Event.Cast(Object c) when c.equals("tick") -> Transition.next(flip(state), ticks + 1);
                case Event.Cast(Object c) when c.equals("tick-then-boom") ->
                        Transition.next(flip(state), ticks + 1, Action.nextEvent("boom"));
                case Event.Internal(Object c) when c.equals("boom") -> throw new IllegalStateException("boom");
                case Event.Cast(Object c) when c.equals("stop") ->
                        Transition.stop(ExitReason.SHUTDOWN, ticks + 100);
                case Event.Call(Object r, ReplyTo from) -> Transition.keepState(Action.reply(from, state + " " + ticks));
                default -> Transition.keepState();
            };
        }

        public void terminate(ExitReason reason, String state, Integer ticks) {
            terminated.complete(new MachineState<>(state, ticks));
        }

        private static String flip(String state) {
            return state.equals("even") ? "odd" : "even";
        }
    }

    @Test
    void aSnapshotTakenEarlierDoesNotChangeWhenTheMachineDoes() {
        ServerRef ref = runtime.start(StateMachine.server(Ticker::new)).ref();
        MachineState<String, Integer> first = ref.getState();
        Object firstShown = ref.getFormattedState().orElseThrow();
        ref.cast("tick");
        MachineState<String, Integer> second = ref.getState();
        ref.cast("tick");
        assertThat(first).isEqualTo(new MachineState<>("even", 0));
        assertThat(firstShown).isEqualTo(new MachineState<>("even", 0));
        assertThat(second).isEqualTo(new MachineState<>("odd", 1));
        assertThat(ref.<MachineState<String, Integer>>getState()).isEqualTo(new MachineState<>("even", 2))
                .isNotSameAs(ref.getState());
    }

    @Test
    void replaceStateTakesTheMachineStateItIsGivenAndTheMachineGoesOnFromIt() {
        ServerRef ref = runtime.start(StateMachine.server(Ticker::new)).ref();
        ref.cast("tick");
        MachineState<String, Integer> replaced =
                ref.replaceState((MachineState<String, Integer> s) -> new MachineState<>(s.state(), 10));
        assertThat(replaced).isEqualTo(new MachineState<>("odd", 10));
        ref.cast("tick");
        assertThat(ref.<String>call("state?")).isEqualTo("even 11");
    }

    @Test
    void replaceStateWithAnythingButAMachineStateFailsAndLeavesTheMachineAsItWas() {
        ServerRef ref = runtime.start(StateMachine.server(Ticker::new)).ref();
        ref.cast("tick");
        assertThatThrownBy(() -> ref.replaceState(s -> "odd 5")).isInstanceOf(GenServerException.class)
                .hasMessageContaining("the state is unchanged")
                .rootCause().hasMessageContaining("returned a java.lang.String; return a MachineState(state, data)")
                .hasMessageContaining(Ticker.class.getName());
        ref.cast("tick");
        assertThat(ref.<String>call("state?")).isEqualTo("even 2");
        assertThat(ref.isAlive()).isTrue();
    }

    @Test
    void terminateAfterACrashSeesTheStateAndDataBeforeTheMessage() throws Exception {
        Ticker ticker = new Ticker();
        ServerRef ref = runtime.start(StateMachine.server(() -> ticker)).ref();
        ref.cast("tick");
        CompletableFuture<ExitReason> exit = ref.onExit();
        ref.cast("tick-then-boom"); // changes both, then its inserted event throws
        assertThat(exit.get(5, TimeUnit.SECONDS)).isInstanceOf(ExitReason.Crash.class);
        assertThat(ticker.terminated).succeedsWithin(Duration.ofSeconds(5))
                .isEqualTo(new MachineState<>("odd", 1));
    }

    @Test
    void terminateAfterAStopSeesWhatTheStoppingTransitionLeft() {
        Ticker ticker = new Ticker();
        ServerRef ref = runtime.start(StateMachine.server(() -> ticker)).ref();
        ref.cast("tick");
        ref.cast("stop");
        assertThat(ticker.terminated).succeedsWithin(Duration.ofSeconds(5))
                .isEqualTo(new MachineState<>("odd", 101));
    }
}
