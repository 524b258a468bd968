package dev.genserver.benchmarks.ours;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;

/**
 * What our benchmarks share: the messages, a counter server (the twin of the Pekko anchor's
 * {@code PekkoSupport.Counter} and of the Elixir script's {@code Anchors.Counter}) and an idle
 * server (the twin of Elixir's {@code Anchors.Idle} and Pekko's {@code Behaviors.ignore()} child).
 *
 * <p>Message shapes follow the anchors: an {@code Increment} call answered with the new value, an
 * {@code Add} cast that increments without a reply, a {@code Get} call, a {@code Crash} cast that
 * makes the handler throw. Pekko's requests carry their reply-to reference because a Pekko message
 * must; ours do not need to (the call carries its reply slot), so they are singletons, like the
 * Elixir atoms {@code :increment} and {@code :get}.
 */
public final class OursSupport {

    private OursSupport() {
    }

    /** Increments and replies with the new value (the W1/W2/W4/W9 call). */
    public enum Increment {
        /** The only instance. */
        INSTANCE
    }

    /** Increments without a reply (the W3 cast). */
    public enum Add {
        /** The only instance. */
        INSTANCE
    }

    /** Replies with the current value (the W3 sync). */
    public enum Get {
        /** The only instance. */
        INSTANCE
    }

    /** Makes the counter's handler throw (W7). */
    public enum Crash {
        /** The only instance. */
        INSTANCE
    }

    /** The idle server's call (answered with {@link #PONG}). */
    public enum Ping {
        /** The only instance. */
        INSTANCE
    }

    /** The idle server's reply. */
    public static final String PONG = "pong";

    /**
     * The counter: state a {@code Long} threaded through the callbacks, as the README's own
     * example does with an {@code Integer}.
     */
    public static final class Counter implements GenServer<Long> {

        /** A fresh counter at zero; used as the factory ({@code Counter::new}). */
        public Counter() {
        }

        @Override
        public Init<Long> init(ServerContext ctx) {
            return Init.ok(0L);
        }

        @Override
        public Result<Long> handleCall(Object request, ReplyTo from, Long count) {
            if (request == Increment.INSTANCE) {
                Long next = count + 1;
                return Result.reply(next, next);
            }
            if (request == Get.INSTANCE) {
                return Result.reply(count, count);
            }
            return Result.unhandled(count);
        }

        @Override
        public Result<Long> handleCast(Object message, Long count) {
            if (message == Add.INSTANCE) {
                return Result.noReply(count + 1);
            }
            if (message == Crash.INSTANCE) {
                throw new IllegalStateException("crash requested by the benchmark");
            }
            return Result.unhandled(count);
        }
    }

    /** An idle server: init returns at once, it answers {@link Ping} and nothing else. */
    public static final class Idle implements GenServer<Object> {

        private static final Object STATE = new Object();

        /** A fresh idle server; used as the factory ({@code Idle::new}). */
        public Idle() {
        }

        @Override
        public Init<Object> init(ServerContext ctx) {
            return Init.ok(STATE);
        }

        @Override
        public Result<Object> handleCall(Object request, ReplyTo from, Object state) {
            return request == Ping.INSTANCE ? Result.reply(PONG, state) : Result.unhandled(state);
        }
    }

    /**
     * Starts an anonymous counter with the default options.
     *
     * @param runtime the runtime
     * @return its reference
     */
    public static ServerRef startCounter(ProcessRuntime runtime) {
        return runtime.start(Counter::new, StartOptions.defaults()).ref();
    }

    /**
     * One {@code Increment} call with the server's default timeout.
     *
     * @param ref the counter
     * @return the new value
     */
    public static long increment(ServerRef ref) {
        Long value = ref.call(Increment.INSTANCE);
        return value;
    }

    /**
     * Closes a runtime (every server stops); does nothing for {@code null}.
     *
     * @param runtime the runtime, or {@code null}
     */
    public static void close(ProcessRuntime runtime) {
        if (runtime != null) {
            runtime.close();
        }
    }
}
