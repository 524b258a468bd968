package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.AWAIT;
import static dev.genserver.process.conformance.ConformanceFixtures.assertStillPending;
import static dev.genserver.process.conformance.ConformanceFixtures.atOnce;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.failureOf;
import static dev.genserver.process.conformance.ConformanceFixtures.get;
import static dev.genserver.process.conformance.ConformanceFixtures.inBackground;
import static dev.genserver.process.conformance.ConformanceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.genserver.process.CallCycleException;
import dev.genserver.process.CallFailedException;
import dev.genserver.process.CallInterruptedException;
import dev.genserver.process.CallTimeoutException;
import dev.genserver.process.CallingSelfException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.GenServerException;
import dev.genserver.process.Init;
import dev.genserver.process.NoHandlerException;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import dev.genserver.process.conformance.ConformanceFixtures.Bare;
import dev.genserver.process.conformance.ConformanceFixtures.Do;
import dev.genserver.process.conformance.ConformanceFixtures.Echo;
import dev.genserver.process.conformance.ConformanceFixtures.Gate;
import dev.genserver.process.conformance.ConformanceFixtures.Get;
import dev.genserver.process.conformance.ConformanceFixtures.Note;
import dev.genserver.process.conformance.ConformanceFixtures.Probe;
import dev.genserver.process.conformance.ConformanceFixtures.Unknown;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("contract §2 Call")
class S2CallTest extends ConformanceTest {

    /** A request type of its own, so that messages can be checked for it. */
    record Order(String mode) {
    }

    static final Duration SELF_CALL_TIMEOUT = Duration.ofMillis(1234);

    /** Serves {@link Order}s; the mode says how. */
    static final class OrderDesk implements GenServer<Integer> {
        private ServerContext ctx;

        @Override
        public Init<Integer> init(ServerContext ctx) {
            this.ctx = ctx;
            return Init.ok(0);
        }

        @Override
        public Result<Integer> handleCall(Object request, ReplyTo from, Integer n) {
            if (!(request instanceof Order(String mode))) {
                return Result.unhandled(n);
            }
            return switch (mode) {
                case "ok" -> Result.reply("served", n + 1);
                case "throw" -> throw new IllegalStateException("kitchen on fire");
                case "stop" -> Result.stop(ExitReason.error("closed"), n);
                case "hang" -> Result.noReply(n);
                case "self" -> {
                    try {
                        ctx.self().call(new Order("ok"), SELF_CALL_TIMEOUT);
                        yield Result.reply("no exception", n);
                    } catch (GenServerException e) {
                        yield Result.reply(e, n);
                    }
                }
                default -> Result.unhandled(n);
            };
        }
    }

    /** The failing outcomes of a call, each with its own exception type. */
    enum CallOutcome {
        HANDLER_THROWS(CallFailedException.class),
        STOPS_BEFORE_REPLYING(ServerStoppedException.class),
        NO_PROCESS(NoProcessException.class),
        TIMEOUT(CallTimeoutException.class),
        NO_HANDLER(NoHandlerException.class),
        CALLING_SELF(CallingSelfException.class);

        final Class<? extends GenServerException> type;

        CallOutcome(Class<? extends GenServerException> type) {
            this.type = type;
        }

        Duration timeout() {
            return switch (this) {
                case TIMEOUT -> Duration.ofMillis(250);
                case CALLING_SELF -> SELF_CALL_TIMEOUT;
                default -> Duration.ofMillis(4321);
            };
        }
    }

    /** Provokes {@code outcome} with a call of an {@link Order} to a server named {@code name}. */
    private GenServerException provoke(CallOutcome outcome, String name) throws Throwable {
        ServerRef desk = rt.start(OrderDesk::new, StartOptions.named(name)).ref();
        String mode = switch (outcome) {
            case HANDLER_THROWS -> "throw";
            case STOPS_BEFORE_REPLYING -> "stop";
            case NO_PROCESS -> {
                desk.stop();
                yield "ok";
            }
            case TIMEOUT -> "hang";
            case NO_HANDLER -> "unknown";
            case CALLING_SELF -> "self";
        };
        Duration timeout = outcome == CallOutcome.CALLING_SELF ? AWAIT : outcome.timeout();
        try {
            Object reply = atOnce(() -> desk.call(new Order(mode), timeout));
            if (outcome == CallOutcome.CALLING_SELF && reply instanceof GenServerException e) {
                return e;
            }
            return fail("expected " + outcome.type.getSimpleName() + " but the call returned " + reply);
        } catch (GenServerException e) {
            return e;
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.1 default timeout 5 s, configurable per call, 'infinite' allowed")
    class Timeouts {

        @Test
        @DisplayName("the default call timeout is 5 s")
        void defaultIsFiveSeconds() {
            assertThat(StartOptions.DEFAULT_CALL_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
            assertThat(StartOptions.defaults().callTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(StartOptions.named("x").callTimeout()).isEqualTo(Duration.ofSeconds(5));
        }

        @Test
        @DisplayName("call(request) without a timeout uses the server's configured call timeout")
        void callWithoutTimeoutUsesTheServersTimeout() {
            Probe probe = new Probe();
            ServerRef ref = start(probe, StartOptions.named("configured").withCallTimeout(Duration.ofMillis(300)));
            long before = System.nanoTime();

            Throwable thrown = catchThrowable(() -> ref.call(new Do("hang", (from, s) -> Result.noReply(s))));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - before);

            assertThat(thrown).isInstanceOfSatisfying(CallTimeoutException.class,
                    e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300)));
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(4));
        }

        @Test
        @DisplayName("call(request, timeout) waits that long, not the default")
        void perCallTimeout() {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            long before = System.nanoTime();

            Throwable thrown = catchThrowable(
                    () -> ref.call(new Do("hang", (from, s) -> Result.noReply(s)), Duration.ofMillis(250)));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - before);

            assertThat(thrown).isInstanceOfSatisfying(CallTimeoutException.class,
                    e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(250)));
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(4));
        }

        @Test
        @DisplayName("a call with ServerRef.INFINITY outlasts the server's call timeout and gets its reply")
        void infiniteTimeout() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe, StartOptions.named("patient").withCallTimeout(Duration.ofMillis(150)));
            Gate release = gate();
            Do slow = new Do("slow", (from, s) -> {
                release.pass();
                return Result.reply("worth the wait", s);
            });
            CompletableFuture<Object> blocking = inBackground(() -> ref.call(slow, ServerRef.INFINITY));
            CompletableFuture<Object> async = ref.callAsync(slow, ServerRef.INFINITY);

            assertStillPending(blocking, Duration.ofMillis(500));
            assertThat(async).isNotDone();
            release.open();
            assertThat(get(blocking)).isEqualTo("worth the wait");
            assertThat(get(async)).isEqualTo("worth the wait");
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.2 outcomes for the caller: each a distinct, documented exception type with the server name, "
            + "request type and timeout in its message")
    class OutcomeTypes {

        @ParameterizedTest(name = "{0}")
        @EnumSource(CallOutcome.class)
        @DisplayName("each outcome has its own exception type")
        void distinctType(CallOutcome outcome) throws Throwable {
            GenServerException e = provoke(outcome, "desk");
            assertThat(e).isExactlyInstanceOf(outcome.type);
            for (CallOutcome other : CallOutcome.values()) {
                if (other != outcome) {
                    assertThat(e).as("also a %s", other.type.getSimpleName()).isNotInstanceOf(other.type);
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(CallOutcome.class)
        @DisplayName("the exception names the server and the request type")
        void namesServerAndRequestType(CallOutcome outcome) throws Throwable {
            GenServerException e = provoke(outcome, "order-desk-7");
            assertThat(e.server()).isEqualTo("order-desk-7");
            assertThat(e.messageType()).isEqualTo(Order.class.getName());
            assertThat(e.getMessage()).contains("order-desk-7").contains(Order.class.getSimpleName());
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(CallOutcome.class)
        @DisplayName("the exception message states the call's timeout (contract §2.2: 'server name, request type and "
                + "timeout in its message')")
        void statesTheTimeout(CallOutcome outcome) throws Throwable {
            GenServerException e = provoke(outcome, "order-desk-8");
            assertThat(e.getMessage()).contains(String.valueOf(outcome.timeout().toMillis()));
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.2 outcome 'reply arrives': the value")
    class ReplyArrives {

        @Test
        @DisplayName("the caller gets the handler's reply, null included, and the state moves on")
        void replyValue() {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            assertThat(ref.<Object>call(new Do("answer", (from, s) -> Result.reply("forty-two", 42))))
                    .isEqualTo("forty-two");
            assertThat(ref.<Object>call(new Do("nothing", (from, s) -> Result.reply(null, s)))).isNull();
            assertThat(ref.<Object>call(new Get())).isEqualTo(42);
        }

        @Test
        @DisplayName("1,000 concurrent callers on virtual threads each get their own reply")
        void concurrentCallersGetTheirOwnReplies() throws Throwable {
            ServerRef ref = start(new Probe());
            int callers = 1000;
            List<CompletableFuture<Object>> replies = new ArrayList<>();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < callers; i++) {
                    int n = i;
                    CompletableFuture<Object> reply = new CompletableFuture<>();
                    replies.add(reply);
                    executor.submit(() -> {
                        try {
                            reply.complete(ref.call(new Echo(n), AWAIT));
                        } catch (Throwable t) {
                            reply.completeExceptionally(t);
                        }
                    });
                }
            }
            for (int i = 0; i < callers; i++) {
                assertThat(get(replies.get(i))).isEqualTo(i);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.2 outcome 'server throws while handling this call': an exception with the cause attached, "
            + "at once, never a timeout")
    class HandlerThrows {

        @Test
        @DisplayName("CallFailedException carrying the very exception, at once even with an infinite timeout")
        void callFailedWithCause() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe, "fragile");
            IllegalStateException boom = new IllegalStateException("boom");

            Throwable thrown = catchThrowable(() -> atOnce(() -> ref.call(new Do("explode", (from, s) -> {
                throw boom;
            }), ServerRef.INFINITY)));

            assertThat(thrown).isExactlyInstanceOf(CallFailedException.class);
            assertThat(thrown.getCause()).isSameAs(boom);
            assertThat(((CallFailedException) thrown).server()).isEqualTo("fragile");
        }

        @Test
        @DisplayName("a checked exception is attached as the cause too")
        void checkedCause() throws Throwable {
            ServerRef ref = start(new Probe());
            IOException io = new IOException("disk gone");
            Throwable thrown = catchThrowable(() -> atOnce(() -> ref.call(new Do("io", (from, s) -> {
                throw io;
            }), ServerRef.INFINITY)));
            assertThat(thrown).isExactlyInstanceOf(CallFailedException.class).hasCause(io);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.2 outcome 'server stops or dies before replying (any reason, including normal)': at once")
    class StopsBeforeReplying {

        @Test
        @DisplayName("the handler returns stop(normal) without a reply: ServerStoppedException(normal)")
        void stopNormalWithoutReply() throws Throwable {
            ServerRef ref = start(new Probe(), "quitter");
            Throwable thrown = catchThrowable(() -> atOnce(() -> ref.call(
                    new Do("quit", (from, s) -> Result.stop(ExitReason.NORMAL, s)), ServerRef.INFINITY)));
            assertThat(thrown).isInstanceOfSatisfying(ServerStoppedException.class, e -> {
                assertThat(e.reason()).isEqualTo(ExitReason.NORMAL);
                assertThat(e.server()).isEqualTo("quitter");
            });
        }

        @Test
        @DisplayName("a deferred call is pending when another message stops the server: "
                + "ServerStoppedException with that reason")
        void deferredCallerWhenServerStops() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            CompletableFuture<Object> caller = inBackground(() -> ref.call(
                    new Do("defer", (from, s) -> Result.noReply(s)), ServerRef.INFINITY));
            probe.awaitEvent("call:defer");
            ExitReason why = ExitReason.shutdown("closing time");
            ref.cast(new Do("stop", (from, s) -> Result.stop(why, s)));

            assertThat(failureOf(caller)).isInstanceOfSatisfying(ServerStoppedException.class,
                    e -> assertThat(e.reason()).isEqualTo(why));
        }

        @Test
        @DisplayName("the server is killed while handling the call: ServerStoppedException(killed)")
        void killedWhileHandling() throws Throwable {
            Gate entered = gate();
            Gate never = gate();
            ServerRef ref = start(new Probe());
            CompletableFuture<Object> caller = inBackground(() -> ref.call(new Do("stuck", (from, s) -> {
                entered.open();
                never.passUninterruptibly();
                return Result.reply("too late", s);
            }), ServerRef.INFINITY));
            entered.awaitOpen();
            rt.exit(ref, ExitReason.KILL);

            assertThat(failureOf(caller)).isInstanceOfSatisfying(ServerStoppedException.class,
                    e -> assertThat(e.reason()).isEqualTo(ExitReason.KILLED));
        }

        @Test
        @DisplayName("the server is killed while the call is still queued: ServerStoppedException(killed)")
        void killedWhileQueued() throws Throwable {
            Gate entered = gate();
            Gate never = gate();
            ServerRef ref = start(new Probe());
            ref.cast(new Do("stuck", (from, s) -> {
                entered.open();
                never.passUninterruptibly();
                return Result.noReply(s);
            }));
            entered.awaitOpen();
            CompletableFuture<Object> caller = inBackground(() -> ref.call(new Get(), ServerRef.INFINITY));
            eventually().until(() -> ref.info().mailboxLength() == 1);
            rt.exit(ref, ExitReason.KILL);

            assertThat(failureOf(caller)).isInstanceOfSatisfying(ServerStoppedException.class,
                    e -> assertThat(e.reason()).isEqualTo(ExitReason.KILLED));
        }

        @Test
        @DisplayName("a call queued behind a message that crashes the server: ServerStoppedException with the "
                + "crash, not a timeout")
        void queuedBehindCrash() throws Throwable {
            Gate entered = gate();
            Gate release = gate();
            ServerRef ref = start(new Probe());
            IllegalStateException boom = new IllegalStateException("boom");
            ref.cast(new Do("crash-later", (from, s) -> {
                entered.open();
                release.pass();
                throw boom;
            }));
            entered.awaitOpen();
            CompletableFuture<Object> caller = inBackground(() -> ref.call(new Get(), ServerRef.INFINITY));
            eventually().until(() -> ref.info().mailboxLength() == 1);
            release.open();

            assertThat(failureOf(caller)).isInstanceOfSatisfying(ServerStoppedException.class,
                    e -> assertThat(e.reason()).isInstanceOfSatisfying(ExitReason.Crash.class,
                            crash -> assertThat(crash.cause()).isSameAs(boom)));
        }

        @Test
        @DisplayName("a call queued when the server is stopped normally: ServerStoppedException(normal)")
        void queuedWhenStoppedNormally() throws Throwable {
            Gate entered = gate();
            Gate release = gate();
            ServerRef ref = start(new Probe());
            ref.cast(new Do("busy", (from, s) -> {
                entered.open();
                release.pass();
                return Result.noReply(s);
            }));
            entered.awaitOpen();
            CompletableFuture<Object> caller = inBackground(() -> ref.call(new Get(), ServerRef.INFINITY));
            eventually().until(() -> ref.info().mailboxLength() == 1);
            AtomicReference<Thread> stopperThread = new AtomicReference<>();
            CompletableFuture<Object> stopper = inBackground(() -> {
                stopperThread.set(Thread.currentThread());
                ref.stop();
                return null;
            });
            // stop() has asked for the stop once its thread waits for the server to be gone
            eventually().until(() -> stopperThread.get() != null
                    && stopperThread.get().getState() == Thread.State.WAITING);
            release.open();

            assertThat(failureOf(caller)).isInstanceOfSatisfying(ServerStoppedException.class,
                    e -> assertThat(e.reason()).isEqualTo(ExitReason.NORMAL));
            get(stopper);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.2 outcome 'no such server / server already dead': at once ('no process')")
    class NoProcess {

        @Test
        @DisplayName("a call to a stopped server fails at once with NoProcessException")
        void stoppedServer() throws Throwable {
            ServerRef ref = start(new Probe(), "gone");
            ref.stop();
            Throwable thrown = catchThrowable(() -> atOnce(() -> ref.call(new Get(), ServerRef.INFINITY)));
            assertThat(thrown).isInstanceOfSatisfying(NoProcessException.class,
                    e -> assertThat(e.server()).isEqualTo("gone"));
        }

        @Test
        @DisplayName("a call to a crashed server fails at once with NoProcessException")
        void crashedServer() throws Throwable {
            ServerRef ref = start(new Probe());
            CompletableFuture<ExitReason> exit = ref.onExit();
            ref.cast(new Do("crash", (from, s) -> {
                throw new IllegalStateException("crash");
            }));
            get(exit);
            Throwable thrown = catchThrowable(() -> atOnce(() -> ref.call(new Get(), ServerRef.INFINITY)));
            assertThat(thrown).isExactlyInstanceOf(NoProcessException.class);
        }

        @Test
        @DisplayName("a call to a server that never started (its init failed) fails at once with "
                + "NoProcessException")
        void neverStartedServer() throws Throwable {
            Probe probe = new Probe();
            catchThrowable(() -> rt.start(probe.factory(ctx -> Init.stop(ExitReason.error("nope")))));
            ServerRef never = get(probe.context).self();
            Throwable thrown = catchThrowable(() -> atOnce(() -> never.call(new Get(), ServerRef.INFINITY)));
            assertThat(thrown).isExactlyInstanceOf(NoProcessException.class);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.2 outcome 'timeout': a timeout exception; a late reply is discarded, never delivered to a "
            + "later call; a call whose caller gave up is skipped when dequeued (counted), not run")
    class TimeoutOutcome {

        @Test
        @DisplayName("CallTimeoutException with the timeout, the server name and the request type")
        void timeoutException() {
            ServerRef ref = start(new Probe(), "slowpoke");
            Throwable thrown = catchThrowable(
                    () -> ref.call(new Do("hang", (from, s) -> Result.noReply(s)), Duration.ofMillis(200)));
            assertThat(thrown).isInstanceOfSatisfying(CallTimeoutException.class, e -> {
                assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200));
                assertThat(e.server()).isEqualTo("slowpoke");
                assertThat(e.messageType()).isEqualTo(Do.class.getName());
                assertThat(e.getMessage()).contains("slowpoke").contains("200");
            });
        }

        @Test
        @DisplayName("a late reply from the handler is discarded: the same caller's next calls get their own "
                + "replies")
        void lateReplyNeverReachesALaterCall() throws Throwable {
            ServerRef ref = start(new Probe());
            Gate entered = gate();
            Gate release = gate();
            Throwable thrown = catchThrowable(() -> ref.call(new Do("slow", (from, s) -> {
                entered.open();
                release.pass();
                return Result.reply("late", s);
            }), Duration.ofSeconds(1)));
            assertThat(thrown).isInstanceOf(CallTimeoutException.class);
            release.open(); // the slow handler, if it got to run, now replies late

            assertThat(ref.<Object>call(new Echo("fresh"))).isEqualTo("fresh");
            assertThat(ref.<Object>call(new Echo("again"))).isEqualTo("again");
            assumeThat(entered.isOpen()).as("the slow handler ran before its caller gave up (machine not too slow)")
                    .isTrue();
        }

        @Test
        @DisplayName("a late reply to a caller that gave up (interrupted) is discarded: that thread's next call "
                + "gets its own reply")
        void lateReplyAfterInterruptNeverReachesALaterCall() throws Throwable {
            ServerRef ref = start(new Probe());
            Gate entered = gate();
            Gate release = gate();
            AtomicReference<Thread> callerThread = new AtomicReference<>();
            CompletableFuture<Object> caller = inBackground(() -> {
                callerThread.set(Thread.currentThread());
                try {
                    ref.call(new Do("slow", (from, s) -> {
                        entered.open();
                        release.pass();
                        return Result.reply("late", s);
                    }), ServerRef.INFINITY);
                    return "the first call was not interrupted";
                } catch (CallInterruptedException gaveUp) {
                    Thread.interrupted();
                }
                release.open(); // the slow handler replies late, before the next call is handled
                return ref.call(new Echo("fresh"), AWAIT);
            });
            entered.awaitOpen();
            callerThread.get().interrupt();

            assertThat(get(caller)).isEqualTo("fresh");
        }

        @Test
        @DisplayName("a late deferred reply is discarded: reply() says false and the caller's next call gets its "
                + "own reply")
        void lateDeferredReplyIsDiscarded() throws Throwable {
            ServerRef ref = start(new Probe());
            CompletableFuture<ReplyTo> held = new CompletableFuture<>();
            Throwable thrown = catchThrowable(() -> ref.call(new Do("defer", (from, s) -> {
                held.complete(from);
                return Result.noReply(s);
            }), Duration.ofSeconds(1)));
            assertThat(thrown).isInstanceOf(CallTimeoutException.class);
            ref.call(new Echo("sync")); // the deferring handler has run (or was skipped) by now
            assumeThat(held.isDone()).as("the handler ran before its caller gave up (machine not too slow)").isTrue();
            ReplyTo from = get(held);

            assertThat(from.reply("late")).isFalse();
            assertThat(ref.<Object>call(new Echo("fresh"))).isEqualTo("fresh");
        }

        @Test
        @DisplayName("a call abandoned while queued is skipped when dequeued, and counted in skippedCalls")
        void abandonedCallIsSkipped() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            Gate entered = gate();
            Gate release = gate();
            ref.cast(new Do("busy", (from, s) -> {
                entered.open();
                release.pass();
                return Result.noReply(s);
            }));
            entered.awaitOpen();

            assertThatThrownBy(() -> ref.call(new Do("abandoned", (from, s) -> Result.reply("ran", "changed")),
                    Duration.ofMillis(200))).isInstanceOf(CallTimeoutException.class);
            release.open();

            assertThat(ref.<Object>call(new Get())).as("state untouched by the skipped call").isEqualTo(0);
            assertThat(probe.events()).containsExactly("init", "cast:busy", "call:get");
            assertThat(ref.info().skippedCalls()).isEqualTo(1);
        }

        @Test
        @DisplayName("an async call whose timeout expired while queued is skipped and counted too")
        void abandonedAsyncCallIsSkipped() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            Gate entered = gate();
            Gate release = gate();
            ref.cast(new Do("busy", (from, s) -> {
                entered.open();
                release.pass();
                return Result.noReply(s);
            }));
            entered.awaitOpen();
            CompletableFuture<Object> async = ref.callAsync(
                    new Do("abandoned", (from, s) -> Result.reply("ran", s)), Duration.ofMillis(200));

            assertThat(failureOf(async)).isInstanceOf(CallTimeoutException.class);
            release.open();
            ref.call(new Get());
            assertThat(probe.events()).doesNotContain("call:abandoned");
            assertThat(ref.info().skippedCalls()).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.3 calling yourself fails at once; a cycle A→B→A of blocking calls fails at once with the "
            + "chain in the message (beyond OTP)")
    class SelfAndCycles {

        @Test
        @DisplayName("a handler calling its own server gets CallingSelfException at once and the server keeps "
                + "running")
        void callingSelfFromHandler() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe, "narcissus");
            Object outcome = atOnce(() -> ref.call(new Do("mirror", (from, s) -> {
                try {
                    get(probe.context).self().call(new Echo("me"), ServerRef.INFINITY);
                    return Result.reply("no exception", s);
                } catch (GenServerException e) {
                    return Result.reply(e, s);
                }
            }), AWAIT));

            assertThat(outcome).isInstanceOfSatisfying(CallingSelfException.class, e -> {
                assertThat(e.server()).isEqualTo("narcissus");
                assertThat(e.messageType()).isEqualTo(Echo.class.getName());
                assertThat(e.getMessage()).contains("narcissus").contains("Echo");
            });
            assertThat(ref.<Object>call(new Echo("still here"))).isEqualTo("still here");
        }

        @Test
        @DisplayName("an async call to itself fails at once with CallingSelfException")
        void callingSelfAsync() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            AtomicReference<Boolean> doneAtOnce = new AtomicReference<>();
            Object outcome = atOnce(() -> ref.call(new Do("mirror", (from, s) -> {
                CompletableFuture<Object> f = get(probe.context).self().callAsync(new Echo("me"), ServerRef.INFINITY);
                doneAtOnce.set(f.isDone());
                return Result.reply(f, s);
            }), AWAIT));
            assertThat(doneAtOnce.get()).as("future completed when callAsync returned").isTrue();
            assertThat(failureOf((CompletableFuture<?>) outcome)).isInstanceOf(CallingSelfException.class);
        }

        @Test
        @DisplayName("init calling its own server gets CallingSelfException at once")
        void callingSelfFromInit() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = atOnce(() -> rt.start(probe.factory(ctx -> {
                try {
                    ctx.self().call(new Get(), ServerRef.INFINITY);
                    return ok("no exception");
                } catch (GenServerException e) {
                    return ok(e);
                }
            })).ref());
            assertThat(ref.<Object>call(new Get())).isInstanceOf(CallingSelfException.class);
        }

        @Test
        @DisplayName("A→B→A: B's call back to A fails at once with CallCycleException naming the chain; both "
                + "servers keep running")
        void twoServerCycle() throws Throwable {
            ServerRef alpha = start(new Probe(), "alpha");
            ServerRef bravo = start(new Probe(), "bravo");

            Object outcome = atOnce(() -> alpha.call(new Do("ping", (from, s) -> Result.reply(
                    bravo.call(new Do("pong", (f2, s2) -> {
                        try {
                            alpha.call(new Echo("back"), ServerRef.INFINITY);
                            return Result.reply("no cycle detected", s2);
                        } catch (CallCycleException e) {
                            return Result.reply(e, s2);
                        }
                    }), ServerRef.INFINITY), s)), ServerRef.INFINITY));

            assertThat(outcome).isInstanceOfSatisfying(CallCycleException.class, e -> {
                assertThat(e.chain()).containsExactly("alpha", "bravo", "alpha");
                assertThat(e.server()).isEqualTo("alpha");
                assertThat(e.messageType()).isEqualTo(Echo.class.getName());
                assertThat(e.getMessage()).contains("alpha").contains("bravo");
            });
            assertThat(alpha.<Object>call(new Echo("a"))).isEqualTo("a");
            assertThat(bravo.<Object>call(new Echo("b"))).isEqualTo("b");
            Object later = atOnce(() -> bravo.call(new Do("b-calls-a", (f, s) -> Result.reply(
                    alpha.call(new Echo("no stale edge"), ServerRef.INFINITY), s)), ServerRef.INFINITY));
            assertThat(later).isEqualTo("no stale edge");
        }

        @Test
        @DisplayName("A→B→C→A: the closing call fails at once with the whole chain")
        void threeServerCycle() throws Throwable {
            ServerRef alpha = start(new Probe(), "alpha");
            ServerRef bravo = start(new Probe(), "bravo");
            ServerRef charlie = start(new Probe(), "charlie");
            Do closing = new Do("close-cycle", (f, s) -> {
                try {
                    alpha.call(new Echo("back"), ServerRef.INFINITY);
                    return Result.reply("no cycle detected", s);
                } catch (CallCycleException e) {
                    return Result.reply(e, s);
                }
            });
            Do viaCharlie = new Do("via-charlie",
                    (f, s) -> Result.reply(charlie.call(closing, ServerRef.INFINITY), s));
            Do viaBravo = new Do("via-bravo",
                    (f, s) -> Result.reply(bravo.call(viaCharlie, ServerRef.INFINITY), s));

            Object outcome = atOnce(() -> alpha.call(viaBravo, ServerRef.INFINITY));

            assertThat(outcome).isInstanceOfSatisfying(CallCycleException.class, e -> {
                assertThat(e.chain()).containsExactly("alpha", "bravo", "charlie", "alpha");
                assertThat(e.getMessage()).contains("alpha").contains("bravo").contains("charlie");
            });
        }

        @Test
        @DisplayName("A and B calling each other at the same moment: neither call hangs, at least one fails with "
                + "CallCycleException (20 rounds)")
        void simultaneousMutualCalls() throws Throwable {
            for (int round = 0; round < 20; round++) {
                ServerRef alpha = start(new Probe(), "alpha-" + round);
                ServerRef bravo = start(new Probe(), "bravo-" + round);
                CountDownLatch bothReady = new CountDownLatch(2);
                CompletableFuture<Object> alphaOutcome = new CompletableFuture<>();
                CompletableFuture<Object> bravoOutcome = new CompletableFuture<>();
                alpha.cast(callOtherWhenBothReady(bravo, bothReady, alphaOutcome));
                bravo.cast(callOtherWhenBothReady(alpha, bothReady, bravoOutcome));

                Object a = get(alphaOutcome);
                Object b = get(bravoOutcome);
                assertThat(List.of(a, b)).as("round %d", round)
                        .anySatisfy(o -> assertThat(o).isInstanceOf(CallCycleException.class))
                        .allSatisfy(o -> assertThat(o).satisfiesAnyOf(
                                x -> assertThat(x).isInstanceOf(CallCycleException.class),
                                x -> assertThat(x).isEqualTo("echoed")));
            }
        }

        private Do callOtherWhenBothReady(ServerRef other, CountDownLatch bothReady,
                                          CompletableFuture<Object> outcome) {
            return new Do("call-other", (from, s) -> {
                bothReady.countDown();
                bothReady.await();
                try {
                    outcome.complete(other.call(new Echo("echoed"), ServerRef.INFINITY));
                } catch (GenServerException e) {
                    outcome.complete(e);
                }
                return Result.noReply(s);
            });
        }

        @Test
        @DisplayName("a call that timed out leaves no trace: the callee may then call the former caller")
        void timedOutCallLeavesNoStaleEdge() throws Throwable {
            ServerRef alpha = start(new Probe(), "alpha");
            ServerRef bravo = start(new Probe(), "bravo");
            Gate bravoBusy = gate();
            bravo.cast(new Do("busy", (f, s) -> {
                bravoBusy.pass();
                return Result.noReply(s);
            }));
            Object first = atOnce(() -> alpha.call(new Do("call-busy-bravo", (f, s) -> {
                try {
                    bravo.call(new Echo("x"), Duration.ofMillis(200));
                    return Result.reply("no timeout", s);
                } catch (CallTimeoutException e) {
                    return Result.reply(e, s);
                }
            }), ServerRef.INFINITY));
            assertThat(first).isInstanceOf(CallTimeoutException.class);
            bravoBusy.open();

            Object back = atOnce(() -> bravo.call(new Do("b-calls-a", (f, s) -> Result.reply(
                    alpha.call(new Echo("reachable"), ServerRef.INFINITY), s)), ServerRef.INFINITY));
            assertThat(back).isEqualTo("reachable");
        }

        @Test
        @DisplayName("a cycle through init: A's init calls B, whose handler calls A back; the call back fails at "
                + "once with CallCycleException and A's start completes")
        void cycleThroughInit() throws Throwable {
            ServerRef bravo = start(new Probe(), "bravo");
            Probe alphaProbe = new Probe();
            StartResult started = atOnce(() -> rt.start(alphaProbe.factory(ctx -> {
                ServerRef self = ctx.self();
                Object answer = bravo.call(new Do("call-back", (f, s) -> {
                    try {
                        self.call(new Echo("back"), ServerRef.INFINITY);
                        return Result.reply("no cycle detected", s);
                    } catch (GenServerException e) {
                        return Result.reply(e, s);
                    }
                }), ServerRef.INFINITY);
                return ok(answer);
            }), StartOptions.named("alpha")));

            assertThat(started.ref().<Object>call(new Get())).isInstanceOfSatisfying(CallCycleException.class,
                    e -> assertThat(e.chain()).containsExactly("alpha", "bravo", "alpha"));
        }

        @Test
        @DisplayName("no false alarm: a chain A→B→C without a cycle, and B calling A after A's call has returned, "
                + "both succeed")
        void noFalsePositives() throws Throwable {
            ServerRef alpha = start(new Probe(), "alpha");
            ServerRef bravo = start(new Probe(), "bravo");
            ServerRef charlie = start(new Probe(), "charlie");

            Object chain = atOnce(() -> alpha.call(new Do("a", (f, s) -> Result.reply(
                    bravo.call(new Do("b", (f2, s2) -> Result.reply(
                            charlie.call(new Echo("from charlie"), ServerRef.INFINITY), s2)), ServerRef.INFINITY),
                    s)), ServerRef.INFINITY));
            assertThat(chain).isEqualTo("from charlie");

            Object back = atOnce(() -> bravo.call(new Do("b-calls-a", (f, s) -> Result.reply(
                    alpha.call(new Echo("from alpha"), ServerRef.INFINITY), s)), ServerRef.INFINITY));
            assertThat(back).isEqualTo("from alpha");
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.4 deferred reply: keep the handle, complete it later from any thread; it completes once; "
            + "replying to a caller that has gone is a no-op")
    class DeferredReply {

        @Test
        @DisplayName("a reply from another thread reaches the waiting caller; the server serves others meanwhile")
        void replyFromAnotherThread() throws Throwable {
            ServerRef ref = start(new Probe());
            CompletableFuture<ReplyTo> held = new CompletableFuture<>();
            CompletableFuture<Object> caller = inBackground(() -> ref.call(new Do("defer", (from, s) -> {
                held.complete(from);
                return Result.noReply(s);
            }), AWAIT));
            ReplyTo from = get(held);
            assertThat(from.isPending()).isTrue();

            assertThat(ref.<Object>call(new Echo("meanwhile"))).isEqualTo("meanwhile");
            assertStillPending(caller, Duration.ofMillis(100));

            assertThat(get(inBackground(() -> from.reply("later")))).isTrue();
            assertThat(get(caller)).isEqualTo("later");
            assertThat(from.isPending()).isFalse();
        }

        @Test
        @DisplayName("fail(error) from another thread gives the caller CallFailedException with that cause; "
                + "the server keeps running")
        void failFromAnotherThread() throws Throwable {
            ServerRef ref = start(new Probe());
            CompletableFuture<ReplyTo> held = new CompletableFuture<>();
            CompletableFuture<Object> caller = inBackground(() -> ref.call(new Do("defer", (from, s) -> {
                held.complete(from);
                return Result.noReply(s);
            }), AWAIT));
            IOException error = new IOException("upstream down");

            assertThat(get(inBackground(() -> get(held).fail(error)))).isTrue();
            assertThat(failureOf(caller)).isExactlyInstanceOf(CallFailedException.class).hasCause(error);
            assertThat(ref.isAlive()).isTrue();
            assertThat(ref.<Object>call(new Echo("fine"))).isEqualTo("fine");
        }

        @Test
        @DisplayName("a handle completes once: a second reply or fail returns false and changes nothing")
        void completesOnce() throws Throwable {
            ServerRef ref = start(new Probe());
            CompletableFuture<ReplyTo> held = new CompletableFuture<>();
            CompletableFuture<Object> caller = ref.callAsync(new Do("defer", (from, s) -> {
                held.complete(from);
                return Result.noReply(s);
            }), AWAIT);
            ReplyTo from = get(held);

            assertThat(from.reply("first")).isTrue();
            assertThat(from.reply("second")).isFalse();
            assertThat(from.fail(new IllegalStateException("third"))).isFalse();
            assertThat(get(caller)).isEqualTo("first");
        }

        @Test
        @DisplayName("a handle already answered by Result.reply ignores a later reply")
        void handleUsedByResultReply() throws Throwable {
            ServerRef ref = start(new Probe());
            CompletableFuture<ReplyTo> held = new CompletableFuture<>();
            Object first = ref.call(new Do("direct", (from, s) -> {
                held.complete(from);
                return Result.reply("direct", s);
            }));
            assertThat(first).isEqualTo("direct");
            assertThat(get(held).reply("again")).isFalse();
            assertThat(ref.<Object>call(new Echo("next"))).isEqualTo("next");
        }

        @Test
        @DisplayName("a handler that replies through the handle and then returns Result.reply: the caller gets the "
                + "first reply, the second is ignored, the server keeps running")
        void handleThenResultReply() throws Throwable {
            ServerRef ref = start(new Probe());
            Object reply = ref.call(new Do("both", (from, s) -> {
                from.reply("early");
                return Result.reply("late", "after-both");
            }));
            assertThat(reply).isEqualTo("early");
            assertThat(ref.isAlive()).isTrue();
            assertThat(ref.<Object>call(new Get())).isEqualTo("after-both");
        }

        @Test
        @DisplayName("replying to a caller that was interrupted and left is a no-op")
        void replyToInterruptedCaller() throws Throwable {
            ServerRef ref = start(new Probe());
            CompletableFuture<ReplyTo> held = new CompletableFuture<>();
            AtomicReference<Thread> callerThread = new AtomicReference<>();
            CompletableFuture<Object> caller = inBackground(() -> {
                callerThread.set(Thread.currentThread());
                return ref.call(new Do("defer", (from, s) -> {
                    held.complete(from);
                    return Result.noReply(s);
                }), ServerRef.INFINITY);
            });
            ReplyTo from = get(held);
            callerThread.get().interrupt();
            assertThat(failureOf(caller)).isInstanceOf(CallInterruptedException.class);

            assertThat(from.isPending()).isFalse();
            assertThat(from.reply("nobody listens")).isFalse();
            assertThat(ref.isAlive()).isTrue();
            assertThat(ref.<Object>call(new Echo("next"))).isEqualTo("next");
        }

        @Test
        @DisplayName("replying to a caller that timed out is a no-op (returns false, throws nothing)")
        void replyToTimedOutCaller() throws Throwable {
            ServerRef ref = start(new Probe());
            CompletableFuture<ReplyTo> held = new CompletableFuture<>();
            CompletableFuture<Object> async = ref.callAsync(new Do("defer", (from, s) -> {
                held.complete(from);
                return Result.noReply(s);
            }), Duration.ofSeconds(1));
            assertThat(failureOf(async)).isInstanceOf(CallTimeoutException.class);
            ref.call(new Echo("sync")); // the deferring handler has run (or was skipped) by now
            assumeThat(held.isDone()).as("the handler ran before its caller gave up (machine not too slow)").isTrue();
            ReplyTo from = get(held);

            assertThat(from.isPending()).isFalse();
            assertThat(from.reply("nobody listens")).isFalse();
            assertThat(from.fail(new IllegalStateException("nobody listens"))).isFalse();
            assertThat(ref.<Object>call(new Echo("next"))).isEqualTo("next");
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.5 stop-with-reply: terminate runs, then the caller gets the reply, then the process exits; "
            + "reply-then-continue: the reply is sent before continue runs")
    class Ordering {

        @Test
        @DisplayName("stop-with-reply: no reply while terminate is running, and the server is not gone yet")
        void terminateBeforeReply() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            Gate inTerminate = gate();
            Gate finishTerminate = gate();
            probe.onTerminate = () -> {
                inTerminate.open();
                finishTerminate.pass();
            };
            CompletableFuture<Object> reply = ref.callAsync(
                    new Do("quit", (from, s) -> Result.stop(ExitReason.NORMAL, "bye", "final")), AWAIT);
            inTerminate.awaitOpen();

            assertThat(reply).as("reply while terminate runs").isNotDone();
            assertThat(ref.isAlive()).as("alive while terminate runs").isTrue();
            finishTerminate.open();
            assertThat(get(reply)).isEqualTo("bye");
        }

        @Test
        @DisplayName("stop-with-reply: a blocking caller that gets the reply finds terminate done, with the "
                + "stop's state and reason")
        void callerSeesTerminateDone() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ExitReason reason = ExitReason.error("enough");
            Object reply = atOnce(() -> ref.call(
                    new Do("quit", (from, s) -> Result.stop(reason, "bye", "final")), ServerRef.INFINITY));

            assertThat(reply).isEqualTo("bye");
            assertThat(probe.terminateState).as("terminate done when the reply arrives")
                    .isCompletedWithValue("final");
            assertThat(probe.terminateReason).isCompletedWithValue(reason);
        }

        @Test
        @DisplayName("stop-with-reply: a terminate that throws does not cost the caller its reply (OTP replies in "
                + "an 'after' clause)")
        void replyEvenIfTerminateThrows() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            probe.onTerminate = () -> {
                throw new IllegalStateException("terminate failed");
            };
            CompletableFuture<ExitReason> exit = ref.onExit();
            Object reply = atOnce(() -> ref.call(
                    new Do("quit", (from, s) -> Result.stop(ExitReason.NORMAL, "bye", s)), ServerRef.INFINITY));
            assertThat(reply).isEqualTo("bye");
            assertThat(get(exit)).isEqualTo(ExitReason.NORMAL);
        }

        @Test
        @DisplayName("stop-with-reply: the reply has been delivered when the process exits, and the process "
                + "does exit")
        void replyBeforeExit() throws Throwable {
            ServerRef ref = start(new Probe());
            Gate armed = gate();
            AtomicReference<CompletableFuture<Object>> replyRef = new AtomicReference<>();
            CompletableFuture<ExitReason> exit = ref.onExit();
            CompletableFuture<Boolean> repliedBeforeExit = exit.thenApply(r -> replyRef.get().isDone());
            CompletableFuture<Object> reply = ref.callAsync(new Do("quit", (from, s) -> {
                armed.pass();
                return Result.stop(ExitReason.NORMAL, "bye", s);
            }), AWAIT);
            replyRef.set(reply);
            armed.open();

            assertThat(get(repliedBeforeExit)).isTrue();
            assertThat(get(exit)).isEqualTo(ExitReason.NORMAL);
            assertThat(get(reply)).isEqualTo("bye");
            eventually().until(() -> !ref.isAlive());
            assertThatThrownBy(() -> ref.call(new Get())).isInstanceOf(NoProcessException.class);
        }

        @Test
        @DisplayName("reply-then-continue: the caller has the reply while continue is still running, and "
                + "continue runs before the next queued message")
        void replyBeforeContinue() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            Gate inContinue = gate();
            Gate finishContinue = gate();
            CompletableFuture<Object> reply = ref.callAsync(new Do("work", (from, s) ->
                    Result.reply("done", s).thenContinue(new Do("after", (f2, s2) -> {
                        inContinue.open();
                        finishContinue.pass();
                        return Result.noReply("continued");
                    }))), AWAIT);
            inContinue.awaitOpen();

            assertThat(reply).as("reply while continue runs").isCompletedWithValue("done");
            ref.cast(new Note("next"));
            finishContinue.open();
            assertThat(ref.<Object>call(new Get())).isEqualTo("continued");
            assertThat(probe.events()).containsExactly("init", "call:work", "continue:after", "cast:next",
                    "call:get");
        }

        @Test
        @DisplayName("reply-then-continue: a blocking caller returns while continue is still running")
        void blockingCallerNotHeldByContinue() throws Throwable {
            ServerRef ref = start(new Probe());
            Gate finishContinue = gate();
            Object reply = atOnce(() -> ref.call(new Do("work", (from, s) ->
                    Result.reply("done", s).thenContinue(new Do("after", (f2, s2) -> {
                        finishContinue.pass();
                        return Result.noReply(s2);
                    }))), AWAIT));
            assertThat(reply).isEqualTo("done");
            finishContinue.open();
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.6 a call with no matching handler: a clear 'no handler' exception naming the server and the "
            + "request type, and the server keeps running")
    class NoHandler {

        @Test
        @DisplayName("a server without handleCall: NoHandlerException at once; the server keeps its state and "
                + "keeps answering")
        void defaultHandler() throws Throwable {
            ServerRef ref = rt.start(Bare::new, StartOptions.named("bare")).ref();

            Throwable thrown = catchThrowable(() -> atOnce(() -> ref.call(new Unknown(1), ServerRef.INFINITY)));

            assertThat(thrown).isInstanceOfSatisfying(NoHandlerException.class, e -> {
                assertThat(e.server()).isEqualTo("bare");
                assertThat(e.messageType()).isEqualTo(Unknown.class.getName());
                assertThat(e.getMessage()).contains("bare").contains("Unknown");
            });
            assertThat(ref.isAlive()).isTrue();
            assertThat(ref.info().status()).isEqualTo(ServerStatus.RUNNING);
            assertThat(ref.info().lastCrash()).isNull();
            assertThat(ref.<Integer>getState()).isEqualTo(42);
            assertThatThrownBy(() -> ref.call(new Unknown(2))).isInstanceOf(NoHandlerException.class);
        }

        @Test
        @DisplayName("a handler that returns Result.unhandled: NoHandlerException; later calls see the state")
        void explicitUnhandled() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe, "picky");
            ref.cast(new Do("set", (from, s) -> Result.noReply("kept")));

            assertThatThrownBy(() -> ref.call(new Unknown(1))).isInstanceOfSatisfying(NoHandlerException.class,
                    e -> assertThat(e.server()).isEqualTo("picky"));
            assertThat(ref.<Object>call(new Get())).isEqualTo("kept");
            assertThat(probe.terminates).hasValue(0);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §2.7 callAsync: the same outcomes through a future, without blocking the caller")
    class CallAsync {

        @Test
        @DisplayName("returns at once, while the handler is still running, then completes with the reply")
        void completesWithReply() throws Throwable {
            ServerRef ref = start(new Probe());
            Gate release = gate();
            CompletableFuture<Object> future = atOnce(() -> ref.callAsync(new Do("slow", (from, s) -> {
                release.pass();
                return Result.reply("value", s);
            }), AWAIT));
            assertThat(future).isNotDone();
            release.open();
            assertThat(get(future)).isEqualTo("value");
        }

        @Test
        @DisplayName("handler throws: CallFailedException with the cause")
        void handlerThrows() {
            ServerRef ref = start(new Probe());
            IllegalStateException boom = new IllegalStateException("boom");
            CompletableFuture<Object> future = ref.callAsync(new Do("explode", (from, s) -> {
                throw boom;
            }), ServerRef.INFINITY);
            assertThat(failureOf(future)).isExactlyInstanceOf(CallFailedException.class).hasCause(boom);
        }

        @Test
        @DisplayName("server stops before replying: ServerStoppedException")
        void serverStops() {
            ServerRef ref = start(new Probe());
            CompletableFuture<Object> future = ref.callAsync(
                    new Do("quit", (from, s) -> Result.stop(ExitReason.NORMAL, s)), ServerRef.INFINITY);
            assertThat(failureOf(future)).isInstanceOf(ServerStoppedException.class);
        }

        @Test
        @DisplayName("dead server: NoProcessException, and callAsync itself does not throw")
        void deadServer() throws Throwable {
            ServerRef ref = start(new Probe());
            ref.stop();
            CompletableFuture<Object> future = atOnce(() -> ref.callAsync(new Get(), ServerRef.INFINITY));
            assertThat(failureOf(future)).isExactlyInstanceOf(NoProcessException.class);
        }

        @Test
        @DisplayName("timeout: CallTimeoutException with that timeout; the default timeout is the server's")
        void timeout() {
            ServerRef ref = start(new Probe(), StartOptions.named("lazy").withCallTimeout(Duration.ofMillis(250)));
            Do hang = new Do("hang", (from, s) -> Result.noReply(s));
            assertThat(failureOf(ref.callAsync(hang, Duration.ofMillis(200)))).isInstanceOfSatisfying(
                    CallTimeoutException.class, e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200)));
            assertThat(failureOf(ref.callAsync(hang))).isInstanceOfSatisfying(
                    CallTimeoutException.class, e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(250)));
        }

        @Test
        @DisplayName("no handler: NoHandlerException, and the server keeps running")
        void noHandler() throws Throwable {
            ServerRef ref = rt.start(Bare::new).ref();
            assertThat(failureOf(ref.callAsync(new Unknown(1), ServerRef.INFINITY)))
                    .isExactlyInstanceOf(NoHandlerException.class);
            assertThat(ref.isAlive()).isTrue();
            assertThat(ref.<Integer>getState()).isEqualTo(42);
        }

        @Test
        @DisplayName("several async calls from one caller each complete with their own reply")
        void severalFuturesInOrder() throws Throwable {
            ServerRef ref = start(new Probe());
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(ref.callAsync(new Echo(i), AWAIT));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(get(futures.get(i))).isEqualTo(i);
            }
        }
    }
}
