package dev.genserver.statem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.process.StartOptions;
import dev.genserver.supervisor.ChildSpec;
import dev.genserver.supervisor.Supervisor;
import dev.genserver.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What contract §14 adds beyond the translated OTP cases. */
class StateMachineTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    /** A turnstile with sealed states: a record state carries its own value. */
    sealed interface Gate permits Locked, Open {}
    record Locked() implements Gate {}
    record Open(int passes) implements Gate {}

    static final class Turnstile implements StateMachine<Gate, Integer> {
        static final AtomicInteger STARTS = new AtomicInteger();

        public StateInit<Gate, Integer> init(ServerContext ctx) {
            STARTS.incrementAndGet();
            return StateInit.ok(new Locked(), 0);
        }

        public Transition<Gate, Integer> handleEvent(Event event, Gate state, Integer coins) {
            return switch (event) {
                case Event.Cast(Object c) when c.equals("coin") -> Transition.next(new Open(0), coins + 1);
                case Event.Cast(Object c) when c.equals("push") && state instanceof Open(int n) ->
                        Transition.nextState(new Open(n + 1));
                case Event.Call(Object r, ReplyTo from) when r.equals("enter") && state instanceof Locked ->
                        Transition.keepState(Action.postpone()); // waits for a coin
                case Event.Call(Object r, ReplyTo from) when r.equals("enter") ->
                        Transition.keepState(Action.reply(from, "welcome"));
                case Event.Call(Object r, ReplyTo from) when r.equals("boom") -> throw new IllegalStateException("boom");
                case Event.Call(Object r, ReplyTo from) when r.equals("state?") ->
                        Transition.keepState(Action.reply(from, state));
                default -> Transition.keepState();
            };
        }

        public Object formatStatus(Gate state, Integer coins) {
            return "coins: " + coins;
        }
    }

    @Test
    void aPostponedCallIsAnsweredAfterTheStateChanges() throws Exception {
        ServerRef gate = runtime.start(StateMachine.server(Turnstile::new)).ref();
        CompletableFuture<String> waiting = gate.callAsync("enter");
        gate.cast("push"); // still locked: nothing
        assertThat(waiting).isNotDone();
        gate.cast("coin");
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("welcome");
        gate.cast("push");
        assertThat(gate.<MachineState<Gate, Integer>>getState()).isEqualTo(new MachineState<>(new Open(1), 1));
    }

    @Test
    void inspectionShowsTheStateAndTheRedactedData() {
        ServerRef gate = runtime.start(StateMachine.server(Turnstile::new), StartOptions.named("gate")).ref();
        gate.cast("coin");
        assertThat(gate.getFormattedState()).contains(new MachineState<>(new Open(0), "coins: 1"));
        assertThat(gate.info().serverType()).isEqualTo(Turnstile.class.getName());
    }

    @Test
    void aPostponedCallerIsToldWhenTheMachineCrashesAndTheSupervisorStartsAFreshOne() throws Exception {
        Turnstile.STARTS.set(0);
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                ChildSpec.worker("gate", StateMachine.server(Turnstile::new))));
        ServerRef gate = sup.child("gate").orElseThrow();
        gate.cast("coin");
        gate.cast("push");
        CompletableFuture<Object> boom = gate.callAsync("boom");
        assertThat(boom).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                .isInstanceOf(CallFailedException.class);
        await().until(() -> Turnstile.STARTS.get() == 2 && gate.isAlive());
        assertThat(gate.<MachineState<Gate, Integer>>getState()).isEqualTo(new MachineState<>(new Locked(), 0));
        CompletableFuture<Object> postponed = gate.callAsync("enter");
        gate.cast("boom-by-call-is-a-cast"); // an unexpected cast is kept
        assertThat(gate.<Gate>call("state?")).isEqualTo(new Locked()); // "enter" is postponed by now
        gate.stop(ExitReason.SHUTDOWN, Duration.ofSeconds(5));
        assertThat(postponed).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                .isInstanceOf(ServerStoppedException.class);
    }

    @Test
    void anEnterCallbackCannotChangeTheState() throws Exception {
        StateMachine<String, String> bad = new StateMachine<>() {
            public StateInit<String, String> init(ServerContext ctx) {
                return StateInit.ok("a", "");
            }

            public Transition<String, String> handleEvent(Event event, String state, String data) {
                return Transition.nextState("b");
            }

            public Transition<String, String> enter(String oldState, String state, String data) {
                return state.equals("b") ? Transition.nextState("c") : Transition.keepState();
            }
        };
        ServerRef ref = runtime.start(StateMachine.server(() -> bad)).ref();
        CompletableFuture<ExitReason> exit = ref.onExit();
        ref.cast("go");
        ExitReason reason = exit.get(5, TimeUnit.SECONDS);
        assertThat(reason).isInstanceOf(ExitReason.Crash.class);
        assertThat(((ExitReason.Crash) reason).cause())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".enter(a, b) tried to change the state to c");
    }

    @Test
    void replacingTheStateIsNotAChangeOfState() {
        List<String> entered = new java.util.concurrent.CopyOnWriteArrayList<>();
        StateMachine<String, String> m = new StateMachine<>() {
            public StateInit<String, String> init(ServerContext ctx) {
                return StateInit.ok("a", "");
            }

            public Transition<String, String> handleEvent(Event event, String state, String data) {
                return event instanceof Event.Call(Object r, ReplyTo from)
                        ? Transition.keepState(Action.reply(from, state)) : Transition.keepState();
            }

            public Transition<String, String> enter(String oldState, String state, String data) {
                entered.add(state);
                return Transition.keepState();
            }
        };
        ServerRef ref = runtime.start(StateMachine.server(() -> m)).ref();
        assertThat(ref.<String>call("state?")).isEqualTo("a");
        ref.replaceState((MachineState<String, String> s) -> new MachineState<>("z", s.data()));
        assertThat(ref.<String>call("state?")).isEqualTo("z");
        assertThat(entered).containsExactly("a");
    }

    @Test
    void aCancelledNamedTimeoutNeverArrives() {
        StateMachine<String, List<Object>> m = new StateMachine<>() {
            public StateInit<String, List<Object>> init(ServerContext ctx) {
                return StateInit.ok("idle", List.of(),
                        Action.timeout("short", Duration.ofMillis(50), "short"),
                        Action.timeout("long", Duration.ofMillis(250), "long"),
                        Action.nextEvent("cancel short"));
            }

            public Transition<String, List<Object>> handleEvent(Event event, String state, List<Object> seen) {
                return switch (event) {
                    case Event.Internal(Object c) -> Transition.keepState(Action.cancelTimeout("short"));
                    case Event.Timeout(Object name, Object c) -> {
                        List<Object> more = new java.util.ArrayList<>(seen);
                        more.add(c);
                        yield Transition.keep(more);
                    }
                    case Event.Call(Object r, ReplyTo from) -> Transition.keepState(Action.reply(from, seen));
                    default -> Transition.keepState();
                };
            }
        };
        ServerRef ref = runtime.start(StateMachine.server(() -> m)).ref();
        await().until(() -> !ref.<List<Object>>call("seen?").isEmpty());
        assertThat(ref.<List<Object>>call("seen?")).containsExactly("long");
    }

    /** Enters "b" with a zero state timeout; counts its enter calls in the data. */
    static class Enterer implements StateMachine<String, List<String>> {
        public StateInit<String, List<String>> init(ServerContext ctx) {
            return StateInit.ok("a", List.of());
        }

        public Transition<String, List<String>> handleEvent(Event event, String state, List<String> seen) {
            return switch (event) {
                case Event.Cast(Object c) when c.equals("go") -> Transition.nextState("b");
                case Event.Cast(Object c) when c.equals("again") -> Transition.repeatState();
                case Event.StateTimeout(Object c) -> Transition.keep(with(seen, "timeout " + state));
                case Event.Call(Object r, ReplyTo from) -> Transition.keepState(Action.reply(from, seen));
                default -> Transition.keepState();
            };
        }

        public Transition<String, List<String>> enter(String oldState, String state, List<String> seen) {
            return state.equals("b")
                    ? Transition.keep(with(seen, "enter " + state), Action.stateTimeout(Duration.ZERO, "t"))
                    : Transition.keep(with(seen, "enter " + state));
        }

        static List<String> with(List<String> list, String item) {
            List<String> more = new java.util.ArrayList<>(list);
            more.add(item);
            return more;
        }
    }

    /** Overrides enter in a subclass of a machine that does not. */
    static final class LateEnterer extends Enterer {
    }

    @Test
    void aTransitionWithoutActionsStillEntersTheStateAndStartsTheTimeoutsOfItsEnterCall() {
        ServerRef ref = runtime.start(StateMachine.server(Enterer::new)).ref();
        ref.cast("go");
        ref.cast("again"); // repeat: enter again, the zero state timeout again
        assertThat(ref.<List<String>>call("seen?"))
                .containsExactly("enter a", "enter b", "timeout b", "enter b", "timeout b");
    }

    @Test
    void onlyAMachineThatOverridesEnterHasItCalled() {
        abstract class Base implements StateMachine<String, String> {
            @Override
            public Transition<String, String> enter(String oldState, String state, String data) {
                return Transition.keepState();
            }
        }
        interface Entering extends StateMachine<String, String> {
            @Override
            default Transition<String, String> enter(String oldState, String state, String data) {
                return Transition.keepState();
            }
        }
        abstract class FromBase extends Base {
        }
        abstract class FromInterface implements Entering {
        }
        assertThat(StateMachineServer.overridesEnter(Turnstile.class)).isFalse();
        assertThat(StateMachineServer.overridesEnter(Enterer.class)).isTrue(); // a bridge method, narrower types
        assertThat(StateMachineServer.overridesEnter(LateEnterer.class)).isTrue();
        assertThat(StateMachineServer.overridesEnter(FromBase.class)).isTrue();
        assertThat(StateMachineServer.overridesEnter(FromInterface.class)).isTrue();
    }

    @Test
    void transitionsWithoutActionsShareTheirInstanceAndActionsAreCopied() {
        assertThat(Transition.<String, String>keepState()).isSameAs(Transition.keepState());
        assertThat(Transition.<String, String>keepState(new Action[0])).isSameAs(Transition.keepState());
        assertThat(Transition.<String, String>repeatState()).isSameAs(Transition.repeatState());
        Action[] actions = {Action.postpone()};
        Transition<String, String> t = Transition.keepState(actions);
        actions[0] = Action.hibernate();
        assertThat(t.actions).containsExactly(Action.postpone());
        assertThat(t).hasToString("keep([Postpone[]])");
        assertThat(Transition.next("b", "d")).hasToString("next(b, d, [])");
        assertThat(Transition.<String, String>nextState("b")).hasToString("next(b, [])");
        assertThatThrownBy(() -> Transition.keepState(Action.postpone(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("action");
    }
}
