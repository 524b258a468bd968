package dev.genserver.statem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.CallTimeoutException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartFailedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cases of OTP's {@code lib/stdlib/test/gen_statem_SUITE.erl} that apply here, each named after
 * the original. The suite's "send to the test process" ({@code Self ! Msg}) is {@link #inbox}; its
 * {@code flush()} is {@link #take(int)}, which waits for the expected number of messages (and then
 * checks that no more arrived among those already delivered). Contract §14.
 */
class GenStatemSuiteTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicReference<ServerRef> self = new AtomicReference<>();

    @AfterEach
    void close() {
        runtime.close();
    }

    private List<Object> take(int n) throws InterruptedException {
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object m = inbox.poll(5, TimeUnit.SECONDS);
            assertThat(m).as("message %d of %d, after %s", i + 1, n, got).isNotNull();
            got.add(m);
        }
        return got;
    }

    private ServerRef start(MapMachine machine) {
        return runtime.start(StateMachine.server(() -> machine)).ref();
    }

    private static ExitReason exitOf(CompletableFuture<ExitReason> exit) throws Exception {
        return exit.get(5, TimeUnit.SECONDS);
    }

    // ---- state enter ------------------------------------------------------------------------

    @Test
    void state_enter() throws Exception {
        MapMachine m = new MapMachine(() -> StateInit.ok("start", 1), self);
        m.enter("start", (prev, d) -> {
            int n = (Integer) d;
            inbox.add(List.of(n, "enter", "start", prev));
            return Transition.keep(n + 1);
        });
        m.state("start", (event, d) -> {
            int n = (Integer) d;
            return switch (event) {
                case Event.Internal(Object prev) -> {
                    inbox.add(List.of(n, "internal", "start", prev));
                    yield Transition.keep(n + 1);
                }
                case Event.Call(Object req, ReplyTo from) when req.equals("repeat") ->
                        Transition.repeat(n + 1, Action.reply(from, List.of(n, "repeat", "start")));
                case Event.Call(Object req, ReplyTo from) when req.equals("echo") ->
                        Transition.next("wait", n + 1, Action.reply(from, List.of(n, "echo", "start")),
                                Action.eventTimeout(Duration.ZERO, n));
                case Event.Call(List<?> req, ReplyTo from) when req.getFirst().equals("stop") ->
                        Transition.stopAndReply(ExitReason.error(req.get(1)), n + 1,
                                Action.reply(from, List.of(n, "stop")));
                default -> MapMachine.unexpected("start").handle(event, d);
            };
        });
        m.enter("wait", (prev, d) -> {
            int n = (Integer) d;
            if (n < 5) {
                inbox.add(List.of(n, List.of("enter", prev)));
                return Transition.repeat(n + 1, Action.eventTimeout(Duration.ZERO, n),
                        Action.stateTimeout(Duration.ZERO, n));
            }
            inbox.add(List.of(n, "enter", "wait", prev));
            return Transition.keep(n + 1, Action.eventTimeout(Duration.ZERO, n), Action.stateTimeout(Duration.ZERO, n));
        });
        m.state("wait", (event, d) -> {
            int n = (Integer) d;
            return switch (event) {
                case Event.EventTimeout(Object c) -> {
                    inbox.add(List.of(n, List.of("timeout", c)));
                    yield Transition.keep(n + 1);
                }
                case Event.StateTimeout(Object c) -> {
                    inbox.add(List.of(n, List.of("state_timeout", c)));
                    yield Transition.keep(n + 1);
                }
                case Event.Call(Object req, ReplyTo from) when req.equals("repeat") ->
                        Transition.repeatState(Action.reply(from, List.of(n, "repeat", "wait")),
                                Action.eventTimeout(Duration.ZERO, n));
                case Event.Call(Object req, ReplyTo from) when req.equals("echo") ->
                        Transition.next("start", n + 1, Action.nextEvent("wait"),
                                Action.reply(from, List.of(n, "echo", "wait")));
                default -> MapMachine.unexpected("wait").handle(event, d);
            };
        });
        ServerRef stm = start(m);
        CompletableFuture<ExitReason> exit = stm.onExit();

        assertThat(take(1)).containsExactly(List.of(1, "enter", "start", "start"));
        assertThat(stm.<Object>call("echo")).isEqualTo(List.of(2, "echo", "start"));
        assertThat(take(5)).containsExactly(
                List.of(3, List.of("enter", "start")),
                List.of(4, List.of("enter", "start")),
                List.of(5, "enter", "wait", "start"),
                List.of(6, List.of("timeout", 5)),
                List.of(7, List.of("state_timeout", 5)));
        MachineState<String, Integer> got = stm.getState();
        assertThat(got).isEqualTo(new MachineState<>("wait", 8));
        assertThat(stm.<Object>call("repeat")).isEqualTo(List.of(8, "repeat", "wait"));
        assertThat(take(3)).containsExactly(
                List.of(8, "enter", "wait", "wait"),
                List.of(9, List.of("timeout", 8)),
                List.of(10, List.of("state_timeout", 8)));
        assertThat(stm.<Object>call("echo")).isEqualTo(List.of(11, "echo", "wait"));
        assertThat(take(2)).containsExactly(
                List.of(12, "enter", "start", "wait"),
                List.of(13, "internal", "start", "wait"));
        assertThat(stm.<Object>call("repeat")).isEqualTo(List.of(14, "repeat", "start"));
        assertThat(take(1)).containsExactly(List.of(15, "enter", "start", "start"));

        assertThat(stm.<Object>call(List.of("stop", "bye"))).isEqualTo(List.of(16, "stop"));
        assertThat(exitOf(exit)).isEqualTo(ExitReason.error("bye"));
        assertThatThrownBy(() -> stm.call("hej")).isInstanceOf(NoProcessException.class);
        assertThat(inbox).isEmpty();
    }

    // ---- postpone, inserted events and zero timeouts --------------------------------------

    @Test
    void event_order() throws Exception {
        record Deliver(String label) {}
        MapMachine m = new MapMachine(() -> StateInit.ok("start", List.of()), self);
        m.state("start", (event, d) -> switch (event) {
            case Event.Cast c -> Transition.keepState(Action.postpone()); // handled in "buffer"
            case Event.Call(Object req, ReplyTo from) when req.equals("buffer") ->
                    Transition.next("buffer", List.of(),
                            Action.nextEvent(new Deliver("ok3")),
                            Action.nextEvent(new Deliver("ok4")),
                            // must not happen: the inserted and postponed events cancel it
                            Action.eventTimeout(Duration.ZERO, new Deliver("ok5")),
                            Action.reply(from, "ok"));
            default -> MapMachine.unexpected("start").handle(event, d);
        });
        m.state("buffer", (event, d) -> {
            @SuppressWarnings("unchecked")
            List<Deliver> replies = (List<Deliver>) d;
            Deliver add = switch (event) {
                case Event.Internal(Deliver r) -> r;
                case Event.EventTimeout(Deliver r) -> r;
                case Event.Cast(Deliver r) -> r;
                default -> null;
            };
            if (add != null) {
                List<Deliver> more = new ArrayList<>(replies);
                more.add(add);
                return Transition.keep(more);
            }
            if (event instanceof Event.Call(Object req, ReplyTo from) && req.equals("stop")) {
                replies.forEach(r -> inbox.add(r.label()));
                return Transition.next("stop", List.of(), Action.reply(from, "ok"),
                        Action.nextEvent("stop"));
            }
            return MapMachine.unexpected("buffer").handle(event, d);
        });
        m.state("stop", (event, d) -> event instanceof Event.Internal
                ? Transition.stop(ExitReason.error("reason"))
                : MapMachine.unexpected("stop").handle(event, d));
        ServerRef stm = start(m);
        CompletableFuture<ExitReason> exit = stm.onExit();

        stm.cast(new Deliver("ok1"));
        stm.cast(new Deliver("ok2"));
        assertThat(stm.<String>call("buffer")).isEqualTo("ok");
        assertThat(stm.<String>call("stop")).isEqualTo("ok");
        assertThat(take(4)).containsExactly("ok3", "ok4", "ok1", "ok2");
        assertThat(exitOf(exit)).isEqualTo(ExitReason.error("reason"));
        assertThatThrownBy(() -> stm.call("hej")).isInstanceOf(NoProcessException.class);
        assertThat(inbox).isEmpty();
    }

    // ---- state timeouts ---------------------------------------------------------------------

    @Test
    void state_timeout() throws Exception {
        Duration time = Duration.ofMillis(300);
        record Go(Duration time) {}
        record Waiting(Duration time, ReplyTo from) {}
        record Ok(int step, Waiting waiting) {}
        MapMachine m = new MapMachine(() -> StateInit.ok("start", 0), self);
        m.state("start", (event, d) -> {
            if (event instanceof Event.Call(Go(Duration t), ReplyTo from) && d.equals(0)) {
                self.get().send("message_to_self");
                // internal events go before external ones
                return Transition.next("state1", new Waiting(t, from),
                        Action.eventTimeout(t, 1), // exercises another cancel path
                        Action.stateTimeout(t, 1),
                        Action.nextEvent(1));
            }
            return MapMachine.unexpected("start").handle(event, d);
        });
        m.state("state1", (event, d) -> {
            if (event instanceof Event.Internal(Object c) && c.equals(1)) {
                // a change of state cancels state timeout 1
                return Transition.next("state2", d,
                        Action.eventTimeout(Duration.ZERO, 2),
                        Action.stateTimeout(Duration.ZERO, 2),
                        Action.nextEvent(2));
            }
            return MapMachine.unexpected("state1").handle(event, d);
        });
        m.state("state2", (event, d) -> switch (event) {
            // state timeout 0 comes after the inserted event, and the pending state timeout 0
            // cancels event timeout 0
            case Event.Internal(Object c) when c.equals(2) && d instanceof Waiting w ->
                    Transition.keep(new Ok(2, w), Action.eventTimeout(Duration.ZERO, 3));
            // zero timeouts come in order
            case Event.StateTimeout(Object c) when c.equals(2) && d instanceof Ok(int s, Waiting w) && s == 2 ->
                    Transition.keep(new Ok(3, w), Action.eventTimeout(Duration.ZERO, 4),
                            Action.stateTimeout(Duration.ZERO, 5));
            // event timeout 0 is cancelled by a state timeout 0, which can be restarted
            case Event.EventTimeout(Object c) when c.equals(4) && d instanceof Ok(int s, Waiting w) && s == 3 ->
                    Transition.keep(new Ok(4, w), Action.stateTimeout(Duration.ZERO, 6),
                            Action.eventTimeout(Duration.ZERO, 7));
            case Event.StateTimeout(Object c) when c.equals(6) && d instanceof Ok(int s, Waiting w) && s == 4 ->
                    Transition.next("state3", 6, Action.reply(w.from(), "ok"), Action.stateTimeout(w.time(), 8));
            default -> MapMachine.unexpected("state2").handle(event, d);
        });
        m.state("state3", (event, d) -> switch (event) {
            case Event.Info(Object msg) when msg.equals("message_to_self") && d.equals(6) -> Transition.keep(7);
            case Event.Call(Object req, ReplyTo from) when req.equals("check") && d.equals(7) ->
                    Transition.keep(from);
            case Event.StateTimeout(Object c) when c.equals(8) && d instanceof ReplyTo from ->
                    Transition.stopAndReply(ExitReason.NORMAL, d, Action.reply(from, "ok"));
            default -> MapMachine.unexpected("state3").handle(event, d);
        });
        ServerRef stm = start(m);
        CompletableFuture<ExitReason> exit = stm.onExit();

        long started = System.nanoTime();
        assertThat(stm.<String>call(new Go(time))).isEqualTo("ok");
        assertThat(stm.<String>call("check")).isEqualTo("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(time);
        assertThat(exitOf(exit)).isEqualTo(ExitReason.NORMAL);
    }

    // ---- named (generic) timeouts -----------------------------------------------------------

    @Test
    void generic_timers() throws Exception {
        MapMachine m = new MapMachine(() -> StateInit.ok("start", "undefined"), self);
        m.state("start", (event, d) -> event instanceof Event.Call call
                ? Transition.nextState("state1",
                        Action.timeout("a", Duration.ofMillis(1500), 1),
                        Action.stateTimeout(Duration.ofMillis(150), 1),
                        Action.timeout("b", Duration.ofMillis(150), 1),
                        Action.nextEvent(call))
                : MapMachine.unexpected("start").handle(event, d));
        m.state("state1", (event, d) -> event instanceof Event.Call call
                ? Transition.nextState("state2",
                        Action.timeout("c", Duration.ofMillis(100), 2),
                        Action.timeout("d", Duration.ZERO, 2),
                        Action.eventTimeout(Duration.ZERO, 2),
                        Action.timeout("b", ServerRef.INFINITY, 2),
                        Action.timeout("a", Duration.ofMillis(400), call))
                : MapMachine.unexpected("state1").handle(event, d));
        m.state("state2", (event, d) -> event instanceof Event.Timeout(Object name, Object c)
                        && name.equals("d") && c.equals(2)
                ? Transition.nextState("state3")
                : MapMachine.unexpected("state2").handle(event, d));
        m.state("state3", (event, d) -> event instanceof Event.Timeout(Object name, Object c)
                        && name.equals("c") && c.equals(2)
                ? Transition.nextState("state4")
                : MapMachine.unexpected("state3").handle(event, d));
        m.state("state4", (event, d) -> event instanceof Event.Timeout(Object name, Event.Call(Object r, ReplyTo from))
                        && name.equals("a") && r.equals("stop")
                ? Transition.stopAndReply(ExitReason.SHUTDOWN, d, Action.reply(from, "stopped"))
                : MapMachine.unexpected("state4").handle(event, d));
        ServerRef stm = start(m);
        CompletableFuture<ExitReason> exit = stm.onExit();

        assertThat(stm.<String>call("stop")).isEqualTo("stopped");
        assertThat(exitOf(exit)).isEqualTo(ExitReason.SHUTDOWN);
        assertThatThrownBy(() -> stm.call("hej")).isInstanceOf(NoProcessException.class);
    }

    // ---- every event type can be inserted ---------------------------------------------------

    @Test
    void event_types() throws Exception {
        MapMachine m = new MapMachine(() -> StateInit.ok("start1", "undefined", Action.nextEvent(0)), self);
        m.state("start1", (e, d) -> e instanceof Event.Internal(Object c) && c.equals(0)
                ? Transition.nextState("start2") : MapMachine.unexpected("start1").handle(e, d));
        m.state("start2", (e, d) -> e instanceof Event.Call call
                ? Transition.nextState("state1",
                        Action.nextEvent(1),
                        Action.nextEvent(new Event.StateTimeout(2)),
                        Action.nextEvent(new Event.EventTimeout(3)),
                        Action.nextEvent(new Event.Info(4)),
                        Action.nextEvent(new Event.Cast(5)),
                        Action.nextEvent(new Event.Timeout(6, 6)),
                        Action.nextEvent(call))
                : MapMachine.unexpected("start2").handle(e, d));
        m.state("state1", (e, d) -> e.equals(new Event.Internal(1)) ? Transition.nextState("state2")
                : MapMachine.unexpected("state1").handle(e, d));
        m.state("state2", (e, d) -> e.equals(new Event.StateTimeout(2)) ? Transition.nextState("state3")
                : MapMachine.unexpected("state2").handle(e, d));
        m.state("state3", (e, d) -> e.equals(new Event.EventTimeout(3)) ? Transition.nextState("state4")
                : MapMachine.unexpected("state3").handle(e, d));
        m.state("state4", (e, d) -> e.equals(new Event.Info(4)) ? Transition.nextState("state5")
                : MapMachine.unexpected("state4").handle(e, d));
        m.state("state5", (e, d) -> e.equals(new Event.Cast(5)) ? Transition.nextState("state6")
                : MapMachine.unexpected("state5").handle(e, d));
        m.state("state6", (e, d) -> e.equals(new Event.Timeout(6, 6)) ? Transition.nextState("state7")
                : MapMachine.unexpected("state6").handle(e, d));
        m.state("state7", (e, d) -> e instanceof Event.Call(Object r, ReplyTo from) && r.equals("stop")
                ? Transition.stopAndReply(ExitReason.SHUTDOWN, d, Action.reply(from, "stopped"))
                : MapMachine.unexpected("state7").handle(e, d));
        ServerRef stm = start(m);
        CompletableFuture<ExitReason> exit = stm.onExit();

        assertThat(stm.<String>call("stop")).isEqualTo("stopped");
        assertThat(exitOf(exit)).isEqualTo(ExitReason.SHUTDOWN);
    }

    // ---- stop and terminate -----------------------------------------------------------------

    @Test
    void stop_and_reply() throws Exception {
        AtomicReference<CompletableFuture<Object>> echo = new AtomicReference<>();
        AtomicReference<Boolean> answeredBeforeTerminate = new AtomicReference<>();
        MapMachine m = new MapMachine(() -> StateInit.ok("start", "undefined"), self);
        m.state("start", (e, d) -> e instanceof Event.Call(Object r, ReplyTo from) && r.equals("echo")
                ? Transition.next("wait", Action.reply(from, "reply1"))
                : MapMachine.unexpected("start").handle(e, d));
        m.state("wait", (e, d) -> e instanceof Event.Call(Object r, ReplyTo from) && r.equals("stop_and_reply")
                ? Transition.stopAndReply(ExitReason.error("reason"), d, (Action) d, Action.reply(from, "reply2"))
                : MapMachine.unexpected("wait").handle(e, d));
        m.onTerminate((reason, d) -> answeredBeforeTerminate.set(echo.get().isDone()));
        ServerRef stm = start(m);
        CompletableFuture<ExitReason> exit = stm.onExit();

        echo.set(stm.callAsync("echo", ServerRef.INFINITY));
        CompletableFuture<Object> second = stm.callAsync("stop_and_reply");
        assertThat(echo.get().get(5, TimeUnit.SECONDS)).isEqualTo("reply1");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("reply2");
        assertThat(exitOf(exit)).isEqualTo(ExitReason.error("reason"));
        assertThat(answeredBeforeTerminate.get()).as("replies are sent before terminate").isTrue();
        assertThatThrownBy(() -> stm.call("hej")).isInstanceOf(NoProcessException.class);
    }

    @Test
    void shutdown() throws Exception {
        ServerRef stm = runtime.start(StateMachine.server(Connection::new)).ref();
        CompletableFuture<ExitReason> exit = stm.onExit();
        assertThat(stm.<String>call("alive?")).isEqualTo("yes");
        assertThat(stm.<String>call(new Connection.Stop(ExitReason.shutdown("reason")))).isEqualTo("stopped");
        assertThat(exitOf(exit)).isEqualTo(ExitReason.shutdown("reason"));
        assertThatThrownBy(() -> stm.call("hej")).isInstanceOf(NoProcessException.class);
    }

    @Test
    void stop1() {
        ServerRef stm = runtime.start(StateMachine.server(Connection::new)).ref();
        stm.stop();
        assertThat(stm.isAlive()).isFalse();
        assertThatThrownBy(stm::stop).isInstanceOf(NoProcessException.class);
    }

    @Test
    void stop2() throws Exception {
        AtomicReference<ExitReason> terminated = new AtomicReference<>();
        ServerRef stm = runtime.start(StateMachine.server(() -> new Connection(terminated))).ref();
        stm.stop(ExitReason.error("other_reason"), ServerRef.INFINITY);
        assertThat(stm.isAlive()).isFalse();
        assertThat(terminated.get()).isEqualTo(ExitReason.error("other_reason"));
    }

    @Test
    void stop3() {
        ServerRef stm = runtime.start(StateMachine.server(Connection::new)).ref();
        assertThatThrownBy(() -> stm.stop(ExitReason.error("other_reason"), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stm.isAlive()).isTrue();
        stm.stop();
        assertThat(stm.isAlive()).isFalse();
    }

    @Test
    void stop4() {
        ServerRef stm = runtime.start(StateMachine.server(Connection::new), StartOptions.named("to_stop")).ref();
        runtime.whereis("to_stop").orElseThrow().stop();
        assertThat(stm.isAlive()).isFalse();
        assertThat(runtime.whereis("to_stop")).isEmpty();
    }

    // ---- starts -----------------------------------------------------------------------------

    @Test
    void start1() throws Exception {
        ServerRef stm = runtime.start(StateMachine.server(Connection::new)).ref();
        doFuncTest(stm);
        doSyncFuncTest(stm);
        stopIt(stm);
    }

    @Test
    void start4() {
        StartResult result = runtime.start(StateMachine.server(() -> new Connection(StateInit.ignore())));
        assertThat(result).isInstanceOf(StartResult.Ignored.class);
    }

    @Test
    void start5() {
        assertThatThrownBy(() -> runtime.start(StateMachine.server(
                () -> new Connection(StateInit.stop(ExitReason.error("stopped"))))))
                .isInstanceOf(StartFailedException.class).hasMessageContaining("stopped");
    }

    @Test
    void start8() throws Exception {
        ServerRef stm = runtime.start(StateMachine.server(Connection::new), StartOptions.named("my_stm")).ref();
        assertThatThrownBy(() -> runtime.start(StateMachine.server(Connection::new), StartOptions.named("my_stm")))
                .isInstanceOf(dev.genserver.process.AlreadyStartedException.class);
        ServerRef byName = runtime.whereis("my_stm").orElseThrow();
        doFuncTest(byName);
        doSyncFuncTest(byName);
        stopIt(stm);
    }

    // ---- abnormal ---------------------------------------------------------------------------

    @Test
    void abnormal1() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ServerRef stm = runtime.start(StateMachine.server(() -> new Connection(release)),
                StartOptions.named("abnormal1")).ref();
        release.countDown();
        assertThat(stm.<String>call(new Connection.DelayedAnswer(), Duration.ofSeconds(5))).isEqualTo("delayed");
        CountDownLatch hold = new CountDownLatch(1);
        ServerRef slow = runtime.start(StateMachine.server(() -> new Connection(hold))).ref();
        assertThatThrownBy(() -> slow.call(new Connection.DelayedAnswer(), Duration.ofMillis(10)))
                .isInstanceOf(CallTimeoutException.class);
        hold.countDown();
        stm.stop();
        slow.stop();
    }

    @Test
    void abnormal2() throws Exception {
        ServerRef stm = runtime.start(StateMachine.server(Connection::new)).ref();
        CompletableFuture<ExitReason> exit = stm.onExit();
        assertThatThrownBy(() -> stm.call("badreturn"))
                .isInstanceOf(CallFailedException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage(Connection.class.getName()
                        + " returned null from handleEvent for call java.lang.String in state IDLE; return a Transition");
        assertThat(exitOf(exit)).isInstanceOf(ExitReason.Crash.class);
    }

    // ---- sys --------------------------------------------------------------------------------

    @Test
    void get_state() {
        ServerRef stm = runtime.start(StateMachine.server(Connection::new)).ref();
        assertThat(stm.<MachineState<Connection.State, String>>getState())
                .isEqualTo(new MachineState<>(Connection.State.IDLE, "data"));
        stm.call("connect");
        assertThat(stm.<MachineState<Connection.State, String>>getState().state())
                .isEqualTo(Connection.State.WFOR_CONF);
    }

    @Test
    void replace_state() {
        ServerRef stm = runtime.start(StateMachine.server(Connection::new)).ref();
        MachineState<Connection.State, String> replaced =
                stm.replaceState((MachineState<Connection.State, String> s) -> new MachineState<>(s.state(), "arne anka"));
        assertThat(replaced.data()).isEqualTo("arne anka");
        assertThat(stm.<Object>call("get")).isEqualTo(List.of(Connection.State.IDLE, "arne anka"));
    }

    @Test
    void call_format_status() {
        ServerRef stm = runtime.start(StateMachine.server(Connection::new), StartOptions.named("gstm")).ref();
        assertThat(stm.getFormattedState()).contains(new MachineState<>(Connection.State.IDLE, "format_status_called"));
        assertThat(stm.info().serverType()).isEqualTo(Connection.class.getName());
    }

    // ---- the suite's "functionality check" --------------------------------------------------

    private void doFuncTest(ServerRef stm) throws Exception {
        stm.cast(new Connection.Alive(inbox));
        assertThat(take(1)).containsExactly("yes");
        doConnect(stm);
        stm.cast(new Connection.Alive(inbox));
        assertThat(take(1)).containsExactly("yes");
        for (int i = 0; i < 3; i++) {
            checkState(stm, Connection.State.CONNECTED);
            Object ref = new Object();
            stm.cast(new Connection.Msg(inbox, ref));
            assertThat(take(1)).containsExactly(List.of("ack", ref));
        }
        stm.cast(new Connection.Alive(inbox));
        assertThat(take(1)).containsExactly("yes");
        stm.cast("disconnect");
        checkState(stm, Connection.State.IDLE);
    }

    private void doConnect(ServerRef stm) throws Exception {
        checkState(stm, Connection.State.IDLE);
        stm.cast(new Connection.Connect(inbox));
        assertThat(take(1)).containsExactly("accept");
        checkState(stm, Connection.State.WFOR_CONF);
        Object tag = new Object();
        stm.cast(new Connection.Ping(inbox, tag)); // postponed until connected
        stm.cast("confirm");
        assertThat(take(1)).containsExactly(List.of("pong", tag));
        checkState(stm, Connection.State.CONNECTED);
    }

    private void doSyncFuncTest(ServerRef stm) throws Exception {
        assertThat(stm.<String>call("alive?")).isEqualTo("yes");
        checkState(stm, Connection.State.IDLE);
        assertThat(stm.<String>call("connect")).isEqualTo("accept");
        checkState(stm, Connection.State.WFOR_CONF);
        Object tag = new Object();
        stm.cast(new Connection.Ping(inbox, tag));
        assertThat(stm.<String>call("confirm")).isEqualTo("yes");
        assertThat(take(1)).containsExactly(List.of("pong", tag));
        checkState(stm, Connection.State.CONNECTED);
        assertThat(stm.<String>call("alive?")).isEqualTo("yes");
        for (int i = 0; i < 3; i++) {
            checkState(stm, Connection.State.CONNECTED);
            Object ref = new Object();
            assertThat(stm.<Object>call(new Connection.SyncMsg(ref))).isEqualTo(List.of("ack", ref));
        }
        assertThat(stm.<String>call("alive?")).isEqualTo("yes");
        assertThat(stm.<String>call("disconnect")).isEqualTo("yes");
        checkState(stm, Connection.State.IDLE);
        assertThat(stm.<String>call("alive?")).isEqualTo("yes");
        // an event timeout, a zero event timeout postponed into the next state, and an event
        // timeout that the replayed event cancels
        assertThat(stm.<String>call(new Connection.Timeout(Duration.ofMillis(200)))).isEqualTo("ok");
        assertThat(stm.<String>call("alive?")).isEqualTo("yes");
        checkState(stm, Connection.State.IDLE);
    }

    private static void checkState(ServerRef stm, Connection.State state) {
        assertThat(stm.<List<?>>call("get").getFirst()).isEqualTo(state);
    }

    private static void stopIt(ServerRef stm) throws Exception {
        CompletableFuture<ExitReason> exit = stm.onExit();
        assertThat(stm.<String>call("stop")).isEqualTo("stopped");
        assertThat(exitOf(exit)).isEqualTo(ExitReason.NORMAL);
        assertThatThrownBy(() -> stm.call("there_you_are")).isInstanceOf(NoProcessException.class);
    }
}
