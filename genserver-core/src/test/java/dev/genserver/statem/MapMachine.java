package dev.genserver.statem;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The test suite's "map statem" (gen_statem_SUITE's {@code {map_statem, Machine, Modes}}): one
 * function per state, an optional state-enter function per state. An event that no function
 * matches crashes the machine, as a {@code function_clause} would.
 */
final class MapMachine implements StateMachine<String, Object> {

    /** A state's event function. */
    interface StateFn {
        Transition<String, Object> handle(Event event, Object data);
    }

    /** A state's enter function. */
    interface EnterFn {
        Transition<String, Object> enter(String oldState, Object data);
    }

    private final Supplier<StateInit<String, Object>> init;
    private final Map<String, StateFn> states = new HashMap<>();
    private final Map<String, EnterFn> enters = new HashMap<>();
    private final AtomicReference<ServerRef> self;
    private BiConsumer<ExitReason, Object> terminate = (reason, data) -> { };

    MapMachine(Supplier<StateInit<String, Object>> init, AtomicReference<ServerRef> self) {
        this.init = init;
        this.self = self;
    }

    MapMachine state(String name, StateFn fn) {
        states.put(name, fn);
        return this;
    }

    MapMachine enter(String name, EnterFn fn) {
        enters.put(name, fn);
        return this;
    }

    MapMachine onTerminate(BiConsumer<ExitReason, Object> terminate) {
        this.terminate = terminate;
        return this;
    }

    static StateFn unexpected(String state) {
        return (event, data) -> {
            throw new IllegalStateException("no clause for " + event + " in " + state);
        };
    }

    @Override
    public StateInit<String, Object> init(ServerContext ctx) {
        self.set(ctx.self());
        return init.get();
    }

    @Override
    public Transition<String, Object> handleEvent(Event event, String state, Object data) {
        StateFn fn = states.get(state);
        if (fn == null) {
            throw new IllegalStateException("no function for state " + state);
        }
        return fn.handle(event, data);
    }

    @Override
    public Transition<String, Object> enter(String oldState, String state, Object data) {
        EnterFn fn = enters.get(state);
        return fn == null ? Transition.keepState() : fn.enter(oldState, data);
    }

    @Override
    public void terminate(ExitReason reason, String state, Object data) {
        terminate.accept(reason, data);
    }
}
