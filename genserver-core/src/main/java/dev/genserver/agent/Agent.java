package dev.genserver.agent;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A value held by a process (Elixir's {@code Agent}): every read and update runs on the agent's
 * own thread, one at a time, so the functions given here see and produce the value without a
 * lock. It is a server like any other (name, supervision, inspection, metrics); use a
 * {@link GenServer} as soon as the value needs rules of its own.
 *
 * <pre>{@code
 * Agent<Map<String, Integer>> scores = Agent.start(runtime, Map::of, StartOptions.named("scores"));
 * scores.update(m -> plus(m, "ada", 3));
 * int ada = scores.get(m -> m.getOrDefault("ada", 0));
 * }</pre>
 *
 * <p>The functions run inside the agent: keep them short, and keep the value immutable (a function
 * that hands out a mutable value lets callers change it behind the agent's back). A function that
 * throws crashes the agent, as a handler would; the caller gets {@code CallFailedException}.
 * Calls wait up to the agent's call timeout (5 s by default, {@link StartOptions#withCallTimeout}).
 *
 * @param <T> the type of the value
 */
public final class Agent<T> {

    private final ServerRef ref;

    private Agent(ServerRef ref) {
        this.ref = ref;
    }

    /**
     * Starts an agent; {@code initial} runs on the agent's thread, as its init.
     *
     * @param runtime the runtime
     * @param initial computes the first value (and the value after a supervised restart)
     * @param options name, timeouts and the other start options
     * @param <T> the type of the value
     * @return the agent
     */
    public static <T> Agent<T> start(ProcessRuntime runtime, Supplier<? extends T> initial, StartOptions options) {
        return new Agent<>(runtime.start(server(initial), options).ref());
    }

    /**
     * Starts an anonymous agent.
     *
     * @param runtime the runtime
     * @param initial computes the first value
     * @param <T> the type of the value
     * @return the agent
     */
    public static <T> Agent<T> start(ProcessRuntime runtime, Supplier<? extends T> initial) {
        return start(runtime, initial, StartOptions.defaults());
    }

    /**
     * Makes the server of an agent, for a supervisor's {@code ChildSpec.worker}; reach it with
     * {@link #of(ServerRef)}.
     *
     * @param initial computes the first value
     * @param <T> the type of the value
     * @return the server factory
     */
    public static <T> Supplier<GenServer<Holder<T>>> server(Supplier<? extends T> initial) {
        Objects.requireNonNull(initial, "initial");
        return () -> new AgentServer<>(initial);
    }

    /**
     * Talks to a running agent through its reference (a supervised child's, say).
     *
     * @param ref the agent's server
     * @param <T> the type of the value
     * @return the agent
     */
    public static <T> Agent<T> of(ServerRef ref) {
        return new Agent<>(Objects.requireNonNull(ref, "ref"));
    }

    /**
     * Returns the agent's server.
     *
     * @return the reference
     */
    public ServerRef ref() {
        return ref;
    }

    /**
     * Returns the value.
     *
     * @return the value
     */
    public T get() {
        return ref.call(new Get<T, T>(v -> v));
    }

    /**
     * Returns what {@code read} computes from the value, computed on the agent's thread.
     *
     * @param read reads the value
     * @param <R> the type of what is read
     * @return what {@code read} returned
     */
    public <R> R get(Function<? super T, ? extends R> read) {
        return ref.call(new Get<>(read));
    }

    /**
     * Replaces the value with what {@code update} computes, and waits until it is done.
     *
     * @param update computes the new value from the old
     */
    public void update(UnaryOperator<T> update) {
        ref.call(new Update<>(update, Update.NOTHING));
    }

    /**
     * Replaces the value and returns the old one.
     *
     * @param update computes the new value from the old
     * @return the value before the update
     */
    public T getAndUpdate(UnaryOperator<T> update) {
        return ref.call(new Update<>(update, Update.OLD));
    }

    /**
     * Replaces the value and returns the new one.
     *
     * @param update computes the new value from the old
     * @return the value after the update
     */
    public T updateAndGet(UnaryOperator<T> update) {
        return ref.call(new Update<>(update, Update.NEW));
    }

    /**
     * Replaces the value without waiting (a cast): returns at once, the update runs in mailbox
     * order.
     *
     * @param update computes the new value from the old
     */
    public void cast(UnaryOperator<T> update) {
        ref.cast(new Cast<>(update));
    }

    /**
     * Stops the agent, waiting at most {@code timeout}.
     *
     * @param timeout the most to wait
     */
    public void stop(Duration timeout) {
        ref.stop(dev.genserver.process.ExitReason.NORMAL, timeout);
    }

    @Override
    public String toString() {
        return "agent " + ref.displayName();
    }

    /**
     * The agent server's state: the value, in a box, so that a {@code null} value is allowed.
     *
     * @param value the value
     * @param <T> the type of the value
     */
    public record Holder<T>(@Nullable T value) {
    }

    private record Get<T, R>(Function<? super T, ? extends R> read) {
    }

    private record Update<T>(UnaryOperator<T> update, int answer) {
        static final int NOTHING = 0;
        static final int OLD = 1;
        static final int NEW = 2;
    }

    private record Cast<T>(UnaryOperator<T> update) {
    }

    private static final class AgentServer<T> implements GenServer<Holder<T>> {
        private final Supplier<? extends T> initial;

        AgentServer(Supplier<? extends T> initial) {
            this.initial = initial;
        }

        @Override
        public Init<Holder<T>> init(ServerContext ctx) {
            return Init.ok(new Holder<>(initial.get()));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Result<Holder<T>> handleCall(Object request, ReplyTo from, Holder<T> state) {
            T value = state.value();
            return switch (request) {
                case Get<?, ?> get -> Result.reply(((Get<T, ?>) get).read().apply(value), state);
                case Update<?> u -> {
                    T next = ((Update<T>) u).update().apply(value);
                    Object answer = switch (u.answer()) {
                        case Update.OLD -> value;
                        case Update.NEW -> next;
                        default -> null;
                    };
                    yield Result.reply(answer, new Holder<>(next));
                }
                default -> Result.unhandled(state);
            };
        }

        @Override
        @SuppressWarnings("unchecked")
        public Result<Holder<T>> handleCast(Object message, Holder<T> state) {
            return message instanceof Cast<?> c
                    ? Result.noReply(new Holder<>(((Cast<T>) c).update().apply(state.value())))
                    : Result.unhandled(state);
        }

        @Override
        public String serverType() {
            return Agent.class.getName();
        }
    }
}
