package dev.genserver.statem;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * gen_statem_SUITE's own state machine (its state functions {@code idle}, {@code wfor_conf},
 * {@code connected}, {@code timeout} and {@code timeout2}), with states as an enum.
 */
final class Connection implements StateMachine<Connection.State, Object> {

    enum State { IDLE, WFOR_CONF, CONNECTED, TIMEOUT, TIMEOUT2 }

    record Alive(Queue<Object> to) {}
    record Connect(Queue<Object> to) {}
    record Ping(Queue<Object> to, Object tag) {}
    record Msg(Queue<Object> to, Object ref) {}
    record SyncMsg(Object ref) {}
    record Stop(ExitReason reason) {}
    record DelayedAnswer() {}
    record Timeout(Duration time) {}
    private record Waiting(ReplyTo from, Duration time) {}
    private record Timer(Object tag) {}
    private record Armed(ReplyTo from, Timer timer) {}

    private final StateInit<State, Object> init;
    private final @Nullable AtomicReference<ExitReason> terminated;
    private final @Nullable CountDownLatch release;
    private @Nullable ServerContext ctx;

    Connection() {
        this(StateInit.ok(State.IDLE, "data"), null, null);
    }

    Connection(AtomicReference<ExitReason> terminated) {
        this(StateInit.ok(State.IDLE, "data"), terminated, null);
    }

    Connection(StateInit<State, Object> init) {
        this(init, null, null);
    }

    Connection(CountDownLatch release) {
        this(StateInit.ok(State.IDLE, "data"), null, release);
    }

    private Connection(StateInit<State, Object> init, @Nullable AtomicReference<ExitReason> terminated,
                       @Nullable CountDownLatch release) {
        this.init = init;
        this.terminated = terminated;
        this.release = release;
    }

    @Override
    public StateInit<State, Object> init(ServerContext ctx) {
        this.ctx = ctx;
        return init;
    }

    @Override
    @SuppressWarnings("DataFlowIssue")
    public Transition<State, Object> handleEvent(Event event, State state, Object data) {
        return switch (state) {
            case IDLE -> idle(event, data);
            case WFOR_CONF -> wforConf(event, data);
            case CONNECTED -> connected(event, data);
            case TIMEOUT -> timeout(event, data);
            case TIMEOUT2 -> timeout2(event, data);
        };
    }

    private Transition<State, Object> idle(Event event, Object data) {
        return switch (event) {
            case Event.Cast(Connect(Queue<Object> to)) -> {
                to.add("accept");
                yield Transition.nextState(State.WFOR_CONF, Action.eventTimeout(ServerRef.INFINITY, null));
            }
            case Event.Call(Object r, ReplyTo from) when r.equals("connect") ->
                    Transition.nextState(State.WFOR_CONF, Action.reply(from, "accept"),
                            Action.eventTimeout(ServerRef.INFINITY, null));
            case Event.Call(Object r, ReplyTo from) when r.equals("badreturn") -> null;
            case Event.Call(DelayedAnswer d, ReplyTo from) -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                yield Transition.keepState(Action.reply(from, "delayed"));
            }
            case Event.Call(Timeout(Duration time), ReplyTo from) ->
                    Transition.next(State.TIMEOUT, new Waiting(from, time), Action.eventTimeout(time, "idle"));
            default -> common(event, State.IDLE, data, () -> switch (event) {
                case Event.Call(Object r, ReplyTo from) -> Transition.keepState(Action.reply(from, "eh?"));
                default -> Transition.stop(ExitReason.error(List.of("unexpected", "idle", event)));
            });
        };
    }

    private Transition<State, Object> timeout(Event event, Object data) {
        return switch (event) {
            case Event.EventTimeout(Object c) when "idle".equals(c) && data instanceof Waiting(ReplyTo from, Duration t) -> {
                Timer timer = new Timer(new Object());
                ctx.sendAfter(timer, t);
                yield Transition.keep(new Armed(from, timer), Action.eventTimeout(Duration.ZERO, 0)); // immediate
            }
            case Event.EventTimeout(Object c) when Integer.valueOf(0).equals(c) ->
                    // the replayed (postponed) event cancels this event timeout
                    Transition.nextState(State.TIMEOUT2,
                            Action.eventTimeout(Duration.ofMillis(1), "should_be_cancelled"), Action.postpone());
            default -> Transition.keepState();
        };
    }

    private Transition<State, Object> timeout2(Event event, Object data) {
        return switch (event) {
            case Event.EventTimeout(Object c) when Integer.valueOf(0).equals(c) -> Transition.keepState();
            case Event.EventTimeout(Object c) -> Transition.stop(ExitReason.error(c));
            case Event.Info(Timer t) when data instanceof Armed(ReplyTo from, Timer armed) && armed == t ->
                    Transition.next(State.IDLE, "data", Action.reply(from, "ok"));
            default -> Transition.keepState();
        };
    }

    private Transition<State, Object> wforConf(Event event, Object data) {
        return switch (event) {
            case Event.Call(Object r, ReplyTo from) when r.equals("confirm") ->
                    Transition.nextState(State.CONNECTED, Action.reply(from, "yes"));
            case Event.Cast(Ping p) -> Transition.keepState(Action.postpone());
            case Event.Cast(Object m) when m.equals("confirm") -> Transition.nextState(State.CONNECTED);
            default -> common(event, State.WFOR_CONF, data, () -> switch (event) {
                case Event.Call(Object r, ReplyTo from) -> Transition.nextState(State.IDLE, Action.reply(from, "eh?"));
                default -> Transition.keepState();
            });
        };
    }

    private Transition<State, Object> connected(Event event, Object data) {
        return switch (event) {
            case Event.Call(SyncMsg(Object ref), ReplyTo from) ->
                    Transition.keepState(Action.reply(from, List.of("ack", ref)));
            case Event.Cast(Msg(Queue<Object> to, Object ref)) -> {
                to.add(List.of("ack", ref));
                yield Transition.keepState();
            }
            case Event.Call(Object r, ReplyTo from) when r.equals("disconnect") ->
                    Transition.nextState(State.IDLE, Action.reply(from, "yes"));
            case Event.Cast(Object m) when m.equals("disconnect") -> Transition.nextState(State.IDLE);
            case Event.Cast(Ping(Queue<Object> to, Object tag)) -> {
                to.add(List.of("pong", tag));
                yield Transition.keepState();
            }
            default -> common(event, State.CONNECTED, data, () -> switch (event) {
                case Event.Call(Object r, ReplyTo from) -> Transition.keepState(Action.reply(from, "eh?"));
                default -> Transition.keepState();
            });
        };
    }

    private interface Otherwise {
        Transition<State, Object> get();
    }

    private static Transition<State, Object> common(Event event, State state, Object data, Otherwise otherwise) {
        return switch (event) {
            case Event.Call(Object r, ReplyTo from) when r.equals("get") ->
                    Transition.keepState(Action.reply(from, List.of(state, data)));
            case Event.Call(Object r, ReplyTo from) when r.equals("stop") ->
                    Transition.stopAndReply(ExitReason.NORMAL, data, Action.reply(from, "stopped"));
            case Event.Call(Stop(ExitReason reason), ReplyTo from) ->
                    Transition.stopAndReply(reason, data, Action.reply(from, "stopped"));
            case Event.Call(Object r, ReplyTo from) when r.equals("alive?") ->
                    Transition.keepState(Action.reply(from, "yes"));
            case Event.Cast(Alive(Queue<Object> to)) -> {
                to.add("yes");
                yield Transition.keepState();
            }
            default -> otherwise.get();
        };
    }

    @Override
    public void terminate(ExitReason reason, State state, Object data) {
        if (terminated != null) {
            terminated.set(reason);
        }
    }

    @Override
    public Object formatStatus(State state, Object data) {
        return "format_status_called";
    }
}
