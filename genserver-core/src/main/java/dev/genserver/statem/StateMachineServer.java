package dev.genserver.statem;

import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.TimerRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StateMachine} as a {@link GenServer}: the process cell's mailbox loop delivers calls,
 * casts and infos, this class turns them into events and runs the machine's transitions.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 *   <li>One instance per incarnation (every start and restart builds a new one), used by the
 *       server's runner only, so the fields need no synchronisation. The instance is itself the
 *       state the cell holds: the machine's state and data stay in {@link #state}/{@link #data}
 *       from one callback to the next, and each callback hands back the same holder in the same
 *       {@link #noReply} result, so an event that changes the state or the data allocates neither
 *       a {@link MachineState} nor a {@link Result} (W14 in the benchmarks).</li>
 *   <li>What is shown is a snapshot: {@link #inspectState} (getState, replaceState's argument)
 *       and {@link #formatStatus} (getFormattedState, crash logs, Actuator) build a new immutable
 *       {@link MachineState} each time, so a snapshot taken earlier never changes; replaceState
 *       takes the {@code MachineState} it is given apart into the two fields
 *       ({@link #replaceInspectedState}). Inspection runs on the runner between two messages (a
 *       system message in the mailbox), and the snapshot reaches the inspecting thread through
 *       the request's future, which orders it after the fields were written.</li>
 *   <li>Last good state: a callback that throws puts back the pair it started with before the
 *       exception leaves it, so terminate after a crash, and the crash log, see the state and data
 *       as they were before the message, as when each callback returned a new record. A stop hands
 *       terminate the pair as the stopping transition left it.</li>
 *   <li>One reader runs on another thread: a kill (or an exit signal not trapped) logs the crash
 *       report, with the state if crash logs show it, on the killer's thread while the runner may
 *       still be in a callback. It reads the two fields without synchronisation, so it may see a
 *       pair the machine is still changing (the state of one event and the data of another), or
 *       the pair before the callback; the killed incarnation's instance is never used again, and
 *       its callback's result is discarded. A cell's state was read the same way before, without
 *       tearing; keeping that would cost a barrier or an allocation per event, for a log line.</li>
 *   <li>{@link #queue} holds the events to handle before the next mailbox message: inserted
 *       events, postponed events replayed after a change of state, and zero timeouts. One callback
 *       of the cell runs until the queue is empty, so these never interleave with mail (§14.4).</li>
 *   <li>A timeout is a {@link Fire}, compared by identity: armed, it is the current one of its
 *       kind (or name); cancelled or re-armed, it is forgotten, and if it still arrives (its timer
 *       had already fired) it is dropped without being an event. A positive delay is a
 *       {@code sendAfter} of the Fire to this server; a zero delay puts it at the end of the
 *       queue.</li>
 * </ul>
 */
final class StateMachineServer<S, D> implements GenServer<StateMachineServer<S, D>> {

    /** The {@code thenContinue} argument that runs the first state-enter call after init. */
    private static final Object BEGIN = new Object() {
        @Override
        public String toString() {
            return "enter the first state";
        }
    };

    private final StateMachine<S, D> machine;
    /** Whether the machine overrides {@link StateMachine#enter}: the default does nothing, so it is not called. */
    private final boolean entersStates;
    private @Nullable ServerContext ctx;

    /** The result of every callback that neither stops nor hibernates: immutable, so shared. */
    private final Result<StateMachineServer<S, D>> noReply = Result.noReply(this);

    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final List<Event> postponed = new ArrayList<>();
    private final List<Action> timeouts = new ArrayList<>();
    /** The events one transition inserts, until it has run all its actions; empty between two. */
    private final List<Event> inserted = new ArrayList<>();
    private @Nullable Fire eventTimer;
    private @Nullable Fire stateTimer;
    private final Map<Object, Fire> namedTimers = new HashMap<>();

    // the machine's state and data: the state the cell holds (see the implementation notes)
    private @Nullable S state;
    private @Nullable D data;
    private @Nullable ExitReason stopReason;
    private boolean hibernate;

    StateMachineServer(StateMachine<S, D> machine) {
        this.machine = machine;
        this.entersStates = overridesEnter(machine.getClass());
    }

    /**
     * Whether {@code type} has an {@code enter} of its own (or of a superclass or sub-interface):
     * the public method {@code enter(Object, Object, Object)} it resolves to, a bridge method when
     * the override has narrower parameter types, is not {@link StateMachine}'s default.
     */
    static boolean overridesEnter(Class<?> type) {
        try {
            return type.getMethod("enter", Object.class, Object.class, Object.class).getDeclaringClass()
                    != StateMachine.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true;
        }
    }

    /** A timeout on its way: sent to this server as an info message, or queued when zero. */
    static final class Fire {
        final Action.Kind kind;
        final @Nullable Object name;
        final @Nullable Object content;
        @Nullable TimerRef timer;

        Fire(Action.Kind kind, @Nullable Object name, @Nullable Object content) {
            this.kind = kind;
            this.name = name;
            this.content = content;
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " timeout" + (name == null ? "" : " " + name);
        }
    }

    // ---- GenServer --------------------------------------------------------------------------

    @Override
    public Init<StateMachineServer<S, D>> init(ServerContext ctx) {
        this.ctx = ctx;
        StateInit<S, D> init = Objects.requireNonNull(machine.init(ctx),
                () -> machine.serverType() + " returned null from init");
        return switch (init) {
            case StateInit.Ignore<S, D> i -> Init.ignore();
            case StateInit.Stop<S, D>(ExitReason reason) -> Init.stop(reason);
            case StateInit.Ok<S, D>(S first, D firstData, List<Action> actions) -> {
                state = first;
                data = firstData;
                for (Action a : actions) {
                    collect(a, null, true, "init");
                }
                queue.addAll(inserted);
                inserted.clear();
                armTimeouts();
                yield Init.<StateMachineServer<S, D>>ok(this).thenContinue(BEGIN);
            }
        };
    }

    // Each callback below ignores its state argument: it is this instance (see the notes). Each
    // keeps the pair it started with, and puts it back if it throws (the last good state).

    @Override
    public Result<StateMachineServer<S, D>> handleContinue(Object argument, StateMachineServer<S, D> self) {
        S s = state;
        D d = data;
        try {
            begin();
            if (entersStates) {
                enter(current(s));
            }
            if (stopReason == null) {
                armTimeouts();
            } else {
                timeouts.clear();
            }
            return drain();
        } catch (Throwable e) {
            restore(s, d);
            throw e;
        }
    }

    @Override
    public Result<StateMachineServer<S, D>> handleCall(Object request, ReplyTo from, StateMachineServer<S, D> self) {
        S s = state;
        D d = data;
        try {
            begin();
            Event event = new Event.Call(request, from);
            Transition<S, D> t = handle(event);
            if (!applyPlain(t)) {
                apply(t, event);
            }
            return drain();
        } catch (Throwable e) {
            restore(s, d);
            throw e;
        }
    }

    @Override
    public Result<StateMachineServer<S, D>> handleCast(Object message, StateMachineServer<S, D> self) {
        S s = state;
        D d = data;
        try {
            begin();
            Event event = new Event.Cast(message);
            Transition<S, D> t = handle(event);
            if (!applyPlain(t)) { // this branch's own profile: see applyPlain
                apply(t, event);
            }
            return drain();
        } catch (Throwable e) {
            restore(s, d);
            throw e;
        }
    }

    @Override
    public Result<StateMachineServer<S, D>> handleInfo(Object message, StateMachineServer<S, D> self) {
        S s = state;
        D d = data;
        try {
            begin();
            if (message instanceof Fire fire) {
                Event event = fired(fire);
                if (event == null) {
                    return noReply;
                }
                dispatch(event);
            } else {
                Event event = new Event.Info(message);
                Transition<S, D> t = handle(event);
                if (!applyPlain(t)) {
                    apply(t, event);
                }
            }
            return drain();
        } catch (Throwable e) {
            restore(s, d);
            throw e;
        }
    }

    @Override
    public void terminate(ExitReason reason, StateMachineServer<S, D> self) {
        cancelAll();
        machine.terminate(reason, current(state), current(data));
    }

    /** A new snapshot each time: what getState returns and replaceState's function receives. */
    @Override
    public Object inspectState(StateMachineServer<S, D> self) {
        return new MachineState<>(state, data);
    }

    /** Takes the replacement, a {@link MachineState}, into the state and data (no change of state, §14.7). */
    @Override
    @SuppressWarnings("unchecked")
    public StateMachineServer<S, D> replaceInspectedState(StateMachineServer<S, D> self, Object replacement) {
        if (!(replacement instanceof MachineState<?, ?> next)) {
            throw new IllegalArgumentException("replaceState on state machine " + machine.serverType()
                    + " returned " + (replacement == null ? "null" : "a " + replacement.getClass().getName())
                    + "; return a MachineState(state, data)");
        }
        state = (S) next.state();
        data = (D) next.data();
        return this;
    }

    @Override
    public Object formatStatus(StateMachineServer<S, D> self) {
        S s = current(state);
        D d = current(data);
        return new MachineState<>(s, machine.formatStatus(s, d));
    }

    @Override
    public String serverType() {
        return machine.serverType();
    }

    // ---- the run of one cell callback ---------------------------------------------------------

    private void begin() {
        stopReason = null;
        hibernate = false;
    }

    /** A callback threw: the state and data it started with are the last good ones. */
    private void restore(@Nullable S s, @Nullable D d) {
        state = s;
        data = d;
    }

    /** Handles the queued events, then hands the state (this instance) back to the cell. */
    private Result<StateMachineServer<S, D>> drain() {
        while (stopReason == null && !queue.isEmpty()) {
            Object next = queue.poll();
            if (next instanceof Fire fire) {
                Event event = fired(fire);
                if (event != null) {
                    dispatch(event);
                }
            } else {
                dispatch((Event) next);
            }
        }
        if (stopReason != null) {
            cancelAll();
            return Result.stop(stopReason, this);
        }
        return hibernate ? noReply.hibernate() : noReply;
    }

    @SuppressWarnings("NullAway")
    private static <T> T current(@Nullable T value) {
        return value;
    }

    private void dispatch(Event event) {
        Transition<S, D> t = handle(event);
        if (!applyPlain(t)) {
            apply(t, event);
        }
    }

    /** The machine's transition for an event; any event cancels the event timeout. */
    private Transition<S, D> handle(Event event) {
        cancelEventTimer();
        Transition<S, D> t = machine.handleEvent(event, current(state), current(data));
        if (t == null) {
            throw nullTransition(event);
        }
        return t;
    }

    /**
     * Runs a transition without actions that does not stop, the usual outcome of a cast or an
     * info; small, so that it is inlined. Each entry point tests its result in a branch of its
     * own: a cast's transition rarely has actions where a call's always does, and a branch the
     * cast path never takes lets the JIT drop the event and the transition when it has inlined
     * the machine's handler.
     *
     * @return false, having done nothing, for any other transition: {@link #apply} runs it
     */
    private boolean applyPlain(Transition<S, D> t) {
        if (t.actions.length != 0 || t.kind == Transition.Kind.STOP) {
            return false;
        }
        S old = current(state);
        if (t.hasData()) {
            data = t.data();
        }
        if (t.kind == Transition.Kind.NEXT) {
            state = t.state;
            if (!Objects.equals(old, state)) {
                changedState();
                entered(old);
            }
        } else if (t.kind == Transition.Kind.REPEAT) {
            entered(old);
        }
        return true;
    }

    private IllegalStateException nullTransition(Event event) {
        return new IllegalStateException(machine.serverType() + " returned null from handleEvent for "
                + describe(event) + " in state " + state + "; return a Transition");
    }

    /** A transition with actions, or a stop. */
    private void apply(Transition<S, D> t, Event event) {
        S old = current(state);
        if (t.hasData()) {
            data = t.data();
        }
        if (t.kind == Transition.Kind.NEXT) {
            state = t.state;
        }
        boolean postpone = false;
        Action[] actions = t.actions;
        for (int i = 0; i < actions.length; i++) {
            postpone |= collect(actions[i], event, true, "handleEvent");
        }
        if (t.kind == Transition.Kind.STOP) {
            stopReason = t.reason;
            inserted.clear();
            timeouts.clear();
            return;
        }
        boolean changed = !Objects.equals(old, state);
        if (postpone) {
            postponed.add(event);
        }
        if (changed) {
            changedState();
        }
        if (!inserted.isEmpty()) {
            for (int i = inserted.size() - 1; i >= 0; i--) {
                queue.addFirst(inserted.get(i));
            }
            inserted.clear();
        }
        if (changed || t.kind == Transition.Kind.REPEAT) {
            entered(old);
        } else {
            armTimeouts();
        }
    }

    /** A change of state: the state timeout is cancelled, the postponed events come back first. */
    private void changedState() {
        cancelStateTimer();
        if (!postponed.isEmpty()) {
            for (int i = postponed.size() - 1; i >= 0; i--) {
                queue.addFirst(postponed.get(i));
            }
            postponed.clear();
        }
    }

    /** After a change of state or a repeat: the state-enter callback, then the transition's timeouts. */
    private void entered(S old) {
        if (entersStates) {
            enter(old);
        }
        if (stopReason == null) {
            armTimeouts();
        } else {
            timeouts.clear();
        }
    }

    /** Runs the state-enter callback, again as long as it repeats (with the same old state, as OTP). */
    private void enter(S old) {
        for (;;) {
            S entered = current(state);
            Transition<S, D> t = machine.enter(old, entered, current(data));
            if (t == null) {
                throw new IllegalStateException(machine.serverType() + " returned null from enter(" + old + ", "
                        + entered + "); return a Transition");
            }
            if (t.kind == Transition.Kind.NEXT && !Objects.equals(t.state, entered)) {
                throw new IllegalStateException(machine.serverType() + ".enter(" + old + ", " + entered
                        + ") tried to change the state to " + t.state
                        + "; a state-enter callback may keep or repeat its state only: insert an event"
                        + " from the transition that entered it instead");
            }
            if (t.hasData()) {
                data = t.data();
            }
            Action[] actions = t.actions;
            for (int i = 0; i < actions.length; i++) {
                collect(actions[i], null, false, "enter");
            }
            if (t.kind == Transition.Kind.STOP) {
                stopReason = t.reason;
                return;
            }
            if (t.kind != Transition.Kind.REPEAT) {
                return;
            }
        }
    }

    /**
     * Runs a reply at once, collects the rest: inserted events into {@link #inserted} (when
     * {@code mayInsert}), timeouts into {@link #timeouts}.
     *
     * @return whether the action postpones the event
     */
    private boolean collect(Action action, @Nullable Event event, boolean mayInsert, String callback) {
        switch (action) {
            case Action.Reply(ReplyTo to, Object value) -> to.reply(value);
            case Action.Postpone p -> {
                if (event == null) {
                    throw new IllegalStateException(machine.serverType() + " asked to postpone in " + callback
                            + ": only an event can be postponed");
                }
                return true;
            }
            case Action.NextEvent(Event next) -> {
                if (!mayInsert) {
                    throw new IllegalStateException(machine.serverType() + " inserted " + describe(next) + " from "
                            + callback + "; insert events from the transition that enters the state");
                }
                inserted.add(next);
            }
            case Action.SetTimeout s -> timeouts.add(s);
            case Action.CancelTimeout c -> timeouts.add(c);
            case Action.Hibernate h -> hibernate = true;
        }
        return false;
    }

    // ---- timeouts ---------------------------------------------------------------------------

    /**
     * Starts the timeouts of one transition (with its state-enter calls): for each kind (and
     * name) only the last action counts; zero ones are queued in the order of those last actions.
     * An event timeout is not started when events are already queued; one queued behind a zero
     * timeout is cancelled when that timeout is handled, as any event cancels it (§14.5).
     */
    private void armTimeouts() {
        if (timeouts.isEmpty()) {
            return;
        }
        boolean eventsQueued = !queue.isEmpty();
        List<Action> last = new ArrayList<>(timeouts.size());
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (int i = timeouts.size() - 1; i >= 0; i--) {
            Action a = timeouts.get(i);
            Object key = switch (a) {
                case Action.SetTimeout t -> t.kind() == Action.Kind.NAMED ? List.of(t.kind(), t.name()) : t.kind();
                case Action.CancelTimeout c -> c.kind() == Action.Kind.NAMED ? List.of(c.kind(), c.name()) : c.kind();
                default -> throw new AssertionError(a);
            };
            if (seen.add(key)) {
                last.add(a);
            }
        }
        timeouts.clear();
        for (int i = last.size() - 1; i >= 0; i--) {
            switch (last.get(i)) {
                case Action.CancelTimeout(Action.Kind kind, Object name) -> cancel(kind, name);
                case Action.SetTimeout(Action.Kind kind, Object name, java.time.Duration after, Object content) -> {
                    cancel(kind, name);
                    if (after.equals(ServerRef.INFINITY) || (kind == Action.Kind.EVENT && eventsQueued)) {
                        continue;
                    }
                    Fire fire = new Fire(kind, name, content);
                    switch (kind) {
                        case EVENT -> eventTimer = fire;
                        case STATE -> stateTimer = fire;
                        case NAMED -> namedTimers.put(Objects.requireNonNull(name), fire);
                    }
                    if (after.isZero()) {
                        queue.addLast(fire);
                    } else {
                        fire.timer = Objects.requireNonNull(ctx).sendAfter(fire, after);
                    }
                }
                default -> throw new AssertionError();
            }
        }
    }

    /** The event of a timeout that arrived, or null when it was cancelled or re-armed meanwhile. */
    private @Nullable Event fired(Fire fire) {
        switch (fire.kind) {
            case EVENT -> {
                if (eventTimer != fire) {
                    return null;
                }
                eventTimer = null;
                return new Event.EventTimeout(fire.content);
            }
            case STATE -> {
                if (stateTimer != fire) {
                    return null;
                }
                stateTimer = null;
                return new Event.StateTimeout(fire.content);
            }
            default -> {
                Object name = Objects.requireNonNull(fire.name);
                if (namedTimers.get(name) != fire) {
                    return null;
                }
                namedTimers.remove(name);
                return new Event.Timeout(name, fire.content);
            }
        }
    }

    private void cancel(Action.Kind kind, @Nullable Object name) {
        switch (kind) {
            case EVENT -> cancelEventTimer();
            case STATE -> cancelStateTimer();
            case NAMED -> stopTimer(namedTimers.remove(Objects.requireNonNull(name)));
        }
    }

    private void cancelEventTimer() {
        if (eventTimer != null) {
            stopTimer(eventTimer);
            eventTimer = null;
        }
    }

    private void cancelStateTimer() {
        if (stateTimer != null) {
            stopTimer(stateTimer);
            stateTimer = null;
        }
    }

    private void cancelAll() {
        cancelEventTimer();
        cancelStateTimer();
        namedTimers.values().forEach(this::stopTimer);
        namedTimers.clear();
    }

    /** Stops a timer, or takes a zero timeout out of the queue. */
    private void stopTimer(@Nullable Fire fire) {
        if (fire == null) {
            return;
        }
        TimerRef timer = fire.timer;
        if (timer != null) {
            timer.cancel();
        } else {
            queue.remove(fire);
        }
    }

    private static String describe(Event event) {
        return switch (event) {
            case Event.Call c -> "call " + c.request().getClass().getName();
            case Event.Cast c -> "cast " + c.message().getClass().getName();
            case Event.Info i -> "info " + i.message().getClass().getName();
            default -> event.toString();
        };
    }
}
