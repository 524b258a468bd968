package dev.genserver.benchmarks.baseline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * What the Pekko anchors share: one configuration, starting and stopping an {@link ActorSystem},
 * a blocking ask, a counter actor (the Pekko twin of the benchmark's counter server) and an
 * actor that spawns idle children (W5, W6).
 */
public final class PekkoSupport {

    /** How long an ask may take before the benchmark fails; never reached in a healthy run. */
    public static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    private static final Config CONFIG = ConfigFactory.parseString("""
            pekko.loglevel = "WARNING"
            pekko.stdout-loglevel = "WARNING"
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            pekko.jvm-shutdown-hooks = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            """).withFallback(ConfigFactory.load());

    private PekkoSupport() {
    }

    /**
     * The Pekko version on the class path, as Pekko's own reference configuration states it.
     *
     * @return for example {@code "1.7.0"}
     */
    public static String version() {
        return CONFIG.getString("pekko.version");
    }

    /**
     * Starts an actor system with the benchmark configuration (warnings only, no shutdown hooks).
     *
     * @param guardian the user guardian's behavior
     * @param name     the system's name
     * @param <T>      the guardian's message type
     * @return the running system
     */
    public static <T> ActorSystem<T> start(Behavior<T> guardian, String name) {
        return ActorSystem.create(guardian, name, CONFIG);
    }

    /**
     * Terminates a system and waits until it has terminated; does nothing for {@code null}.
     *
     * @param system the system, or {@code null}
     * @throws Exception if termination did not finish within 60 seconds
     */
    public static void stop(ActorSystem<?> system) throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code AskPattern.ask(...).toCompletableFuture().get()}: the blocking ask of the anchor.
     *
     * @param target  the actor asked
     * @param factory builds the request from the temporary reply-to reference
     * @param system  the system whose scheduler runs the timeout
     * @param <Req>   the request type
     * @param <Res>   the reply type
     * @return the reply
     * @throws Exception if the ask failed or timed out
     */
    public static <Req, Res> Res ask(RecipientRef<Req> target,
                                     org.apache.pekko.japi.function.Function<ActorRef<Res>, Req> factory,
                                     ActorSystem<?> system) throws Exception {
        return AskPattern.ask(target, factory, ASK_TIMEOUT, system.scheduler()).toCompletableFuture().get();
    }

    /** Messages of {@link Counter}. */
    public sealed interface CounterCommand permits Increment, Add, Get, Crash {
    }

    /**
     * Increments and replies with the new value (the W1/W2 call).
     *
     * @param replyTo where the new value goes
     */
    public record Increment(ActorRef<Long> replyTo) implements CounterCommand {
    }

    /** Increments without a reply (the W3 tell). */
    public enum Add implements CounterCommand {
        /** The only instance. */
        INSTANCE
    }

    /**
     * Replies with the current value (the W3 sync).
     *
     * @param replyTo where the value goes
     */
    public record Get(ActorRef<Long> replyTo) implements CounterCommand {
    }

    /** Makes the counter throw (W7). */
    public enum Crash implements CounterCommand {
        /** The only instance. */
        INSTANCE
    }

    /** A counter actor: the Pekko twin of the benchmark's counter server. */
    public static final class Counter extends AbstractBehavior<CounterCommand> {

        private long count;

        private Counter(ActorContext<CounterCommand> context) {
            super(context);
        }

        /**
         * The counter's behavior, starting at zero.
         *
         * @return a new behavior
         */
        public static Behavior<CounterCommand> create() {
            return Behaviors.setup(Counter::new);
        }

        @Override
        public Receive<CounterCommand> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Increment.class, m -> {
                        m.replyTo().tell(++count);
                        return this;
                    })
                    .onMessageEquals(Add.INSTANCE, () -> {
                        count++;
                        return this;
                    })
                    .onMessage(Get.class, m -> {
                        m.replyTo().tell(count);
                        return this;
                    })
                    .onMessageEquals(Crash.INSTANCE, () -> {
                        throw new IllegalStateException("crash requested by the benchmark");
                    })
                    .build();
        }
    }

    /**
     * Asks {@link #spawner()} to spawn idle children with {@code spawnAnonymous}.
     *
     * @param count   how many children
     * @param started counted down once by each child when its behavior has been set up
     */
    public record SpawnIdle(int count, CountDownLatch started) {
    }

    /**
     * A guardian that spawns idle children on request; each child counts the request's latch
     * down from its setup, so a caller knows when all of them are running.
     *
     * @return a new behavior
     */
    public static Behavior<SpawnIdle> spawner() {
        return Behaviors.receive((context, request) -> {
            CountDownLatch started = request.started();
            Behavior<Object> child = Behaviors.setup(c -> {
                started.countDown();
                return Behaviors.ignore();
            });
            for (int i = 0; i < request.count(); i++) {
                context.spawnAnonymous(child);
            }
            return Behaviors.same();
        });
    }
}
