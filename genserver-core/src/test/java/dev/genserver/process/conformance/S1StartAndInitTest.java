package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.assertStillPending;
import static dev.genserver.process.conformance.ConformanceFixtures.atOnce;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.get;
import static dev.genserver.process.conformance.ConformanceFixtures.inBackground;
import static dev.genserver.process.conformance.ConformanceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.genserver.process.AlreadyStartedException;
import dev.genserver.process.CallTimeoutException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.GenServerException;
import dev.genserver.process.Init;
import dev.genserver.process.InactivityTimeout;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessListener;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.process.StartFailedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import dev.genserver.process.StartTimeoutException;
import dev.genserver.process.conformance.ConformanceFixtures.Do;
import dev.genserver.process.conformance.ConformanceFixtures.Gate;
import dev.genserver.process.conformance.ConformanceFixtures.Get;
import dev.genserver.process.conformance.ConformanceFixtures.InitStep;
import dev.genserver.process.conformance.ConformanceFixtures.Note;
import dev.genserver.process.conformance.ConformanceFixtures.Probe;
import dev.genserver.process.Result;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("contract §1 Start and init")
class S1StartAndInitTest extends ConformanceTest {

    /** The init outcomes that do not start a server. */
    enum Failure {
        IGNORE, STOP, THROWS, START_TIMEOUT
    }

    /** What start reported for an init outcome: the result, or what it threw. */
    record Outcome(StartResult result, Throwable error) {
    }

    private Outcome startCatching(Supplier<GenServer<?>> factory, StartOptions options) {
        try {
            return new Outcome(rt.start(factory, options), null);
        } catch (Throwable t) {
            return new Outcome(null, t);
        }
    }

    /** Makes a start with {@code name} fail (or be ignored) in the given way. */
    private Outcome failStart(Failure failure, Probe probe, String name) {
        return switch (failure) {
            case IGNORE -> startCatching(probe.factory(ctx -> Init.ignore()), StartOptions.named(name));
            case STOP -> startCatching(probe.factory(ctx -> Init.stop(ExitReason.error("no database"))),
                    StartOptions.named(name));
            case THROWS -> startCatching(probe.factory(ctx -> {
                throw new IllegalStateException("cannot connect");
            }), StartOptions.named(name));
            case START_TIMEOUT -> {
                Gate never = gate();
                yield startCatching(probe.factory(ctx -> {
                    never.pass();
                    return ok(0);
                }), StartOptions.named(name).withStartTimeout(Duration.ofMillis(200)));
            }
        };
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §1.1, row 'ok': start returns a reference; the process enters its loop; no terminate")
    class InitOk {

        @Test
        @DisplayName("start returns Started with a live, registered reference that handles messages "
                + "with init's state")
        void okStartsTheServer() throws Throwable {
            Probe probe = new Probe();
            StartResult result = rt.start(probe.factory(ctx -> ok("ready")), StartOptions.named("ok-server"));

            assertThat(result).isInstanceOf(StartResult.Started.class);
            assertThat(result.isStarted()).isTrue();
            ServerRef ref = result.ref();
            assertThat(ref.isAlive()).isTrue();
            assertThat(ref.name()).contains("ok-server");
            assertThat(rt.whereis("ok-server")).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(ref.id()));
            assertThat(ref.<Object>call(new Get())).isEqualTo("ready");
            assertThat(ref.info().status()).isEqualTo(ServerStatus.RUNNING);
            ref.cast(new Note("in-loop"));
            assertThat(ref.<Object>call(new Get())).isEqualTo("ready");
            assertThat(probe.events()).containsExactly("init", "call:get", "cast:in-loop", "call:get");
            assertThat(probe.terminates).hasValue(0);
        }

        @Test
        @DisplayName("an anonymous server gets a reference too, without a name")
        void anonymousServer() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = rt.start(probe.factory()).ref();
            assertThat(ref.name()).isEmpty();
            assertThat(ref.displayName()).isNotBlank();
            assertThat(ref.<Object>call(new Get())).isEqualTo(0);
            assertThat(rt.servers()).extracting(ServerRef::id).containsExactly(ref.id());
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §1.1, row 'ok + inactivity timeout / hibernate / continue(arg)': a reference; "
            + "the loop plus that effect; no terminate")
    class InitOkWithEffect {

        @Test
        @DisplayName("ok + inactivity timeout: InactivityTimeout reaches handleInfo once the new server has "
                + "been idle that long, not before")
        void okWithTimeout() throws Throwable {
            Probe probe = new Probe();
            long before = System.nanoTime();
            ServerRef ref = rt.start(probe.factory(ctx -> ok(0).withTimeout(Duration.ofMillis(300)))).ref();
            probe.awaitEvent("info:timeout");

            long elapsed = probe.first("info:timeout").nanos() - before;
            assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(probe.infoMessages).containsExactly(InactivityTimeout.INSTANCE);
            assertThat(probe.events()).containsExactly("init", "info:timeout");
            assertThat(ref.isAlive()).isTrue();
            assertThat(probe.terminates).hasValue(0);
        }

        @Test
        @DisplayName("ok + hibernate: the new server reports hibernating, then answers with its state")
        void okWithHibernate() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = rt.start(probe.factory(ctx -> ok(7).hibernate())).ref();
            eventually().until(() -> ref.info().hibernating());

            assertThat(ref.<Object>call(new Get())).isEqualTo(7);
            assertThat(ref.info().hibernating()).as("hibernating after handling a message").isFalse();
            assertThat(probe.terminates).hasValue(0);
        }

        @Test
        @DisplayName("ok + continue(arg): handleContinue runs with arg and init's state before anything else")
        void okWithContinue() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = rt.start(probe.factory(ctx -> ok(1).thenContinue(
                    new Do("warm-up", (from, s) -> Result.noReply((Integer) s + 1))))).ref();

            assertThat(ref.<Object>call(new Get())).isEqualTo(2);
            assertThat(probe.events()).containsExactly("init", "continue:warm-up", "call:get");
            assertThat(probe.terminates).hasValue(0);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §1.1, row 'ignore': start returns 'ignored' (not an error); the process is gone, "
            + "its name free; terminate not called")
    class InitIgnore {

        @Test
        @DisplayName("start returns StartResult.Ignored, whose ref() refuses, and nothing runs")
        void ignoreIsNotAnError() {
            Probe probe = new Probe();
            StartResult result = rt.start(probe.factory(ctx -> Init.ignore()), StartOptions.named("ignorable"));

            assertThat(result).isInstanceOfSatisfying(StartResult.Ignored.class,
                    ignored -> assertThat(ignored.name()).isEqualTo("ignorable"));
            assertThat(result.isStarted()).isFalse();
            assertThatThrownBy(result::ref).isInstanceOf(IllegalStateException.class);
            assertThat(rt.whereis("ignorable")).isEmpty();
            assertThat(rt.servers()).isEmpty();
        }

        @Test
        @DisplayName("the name is free at once, terminate is never called, and the ignored server's own "
                + "reference answers 'no process'")
        void ignoreFreesNameWithoutTerminate() throws Throwable {
            Probe probe = new Probe();
            rt.start(probe.factory(ctx -> Init.ignore()), StartOptions.named("ignorable"));
            ServerRef ghost = get(probe.context).self();

            ServerRef next = rt.start(new Probe().factory(), StartOptions.named("ignorable")).ref();
            assertThat(next.isAlive()).isTrue();
            assertThat(ghost.isAlive()).isFalse();
            assertThatThrownBy(() -> atOnce(() -> ghost.call(new Get()))).isInstanceOf(NoProcessException.class);
            rt.close();
            assertThat(probe.terminates).as("terminate calls of the ignored server").hasValue(0);
        }
    }

    // ------------------------------------------------------------------------------------------------

    static Stream<Arguments> stopReasons() {
        return Stream.of(
                Arguments.of(ExitReason.error("no database")),
                Arguments.of(ExitReason.NORMAL),
                Arguments.of(ExitReason.shutdown("not needed")));
    }

    @Nested
    @DisplayName("contract §1.1, row 'stop(reason)': start fails with an error carrying the reason; gone; name free; "
            + "terminate not called")
    class InitStop {

        @ParameterizedTest(name = "init returns stop({0})")
        @MethodSource("dev.genserver.process.conformance.S1StartAndInitTest#stopReasons")
        @DisplayName("start throws StartFailedException with that reason, frees the name and skips terminate")
        void stopFailsTheStart(ExitReason reason) {
            Probe probe = new Probe();
            Throwable thrown = catchThrowable(
                    () -> rt.start(probe.factory(ctx -> Init.stop(reason)), StartOptions.named("stopper")));

            assertThat(thrown).isExactlyInstanceOf(StartFailedException.class);
            StartFailedException e = (StartFailedException) thrown;
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.server()).isEqualTo("stopper");
            assertThat(e.getMessage()).contains("stopper").contains(reason.toString());
            assertThat(rt.whereis("stopper")).isEmpty();
            assertThat(rt.servers()).isEmpty();
            assertThat(rt.start(new Probe().factory(), StartOptions.named("stopper")).isStarted()).isTrue();
            rt.close();
            assertThat(probe.terminates).hasValue(0);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §1.1, row 'throws': start fails with an error carrying the exception; gone; name free; "
            + "terminate not called")
    class InitThrows {

        @Test
        @DisplayName("an unchecked exception: StartFailedException whose cause and crash reason are that "
                + "exception")
        void runtimeException() {
            IllegalStateException boom = new IllegalStateException("cannot connect");
            assertInitThrowing(boom);
        }

        @Test
        @DisplayName("a checked exception thrown sneakily: StartFailedException carrying it")
        void checkedException() {
            assertInitThrowing(new IOException("config missing"));
        }

        @Test
        @DisplayName("an Error: StartFailedException carrying it")
        void error() {
            assertInitThrowing(new AssertionError("invariant broken"));
        }

        private void assertInitThrowing(Throwable boom) {
            Probe probe = new Probe();
            Throwable thrown = catchThrowable(() -> rt.start(probe.factory(ctx -> {
                throw ConformanceFixtures.sneaky(boom);
            }), StartOptions.named("thrower")));

            assertThat(thrown).isExactlyInstanceOf(StartFailedException.class);
            StartFailedException e = (StartFailedException) thrown;
            assertThat(e.getCause()).isSameAs(boom);
            assertThat(e.reason()).isInstanceOfSatisfying(ExitReason.Crash.class,
                    crash -> assertThat(crash.cause()).isSameAs(boom));
            assertThat(e.getMessage()).contains("thrower");
            assertThat(rt.whereis("thrower")).isEmpty();
            assertThat(rt.servers()).isEmpty();
            assertThat(rt.start(new Probe().factory(), StartOptions.named("thrower")).isStarted()).isTrue();
            rt.close();
            assertThat(probe.terminates).hasValue(0);
        }
    }

    // ------------------------------------------------------------------------------------------------

    enum InitKind {
        OK, IGNORE, STOP, THROWS
    }

    @Nested
    @DisplayName("contract §1.2 start blocks until init returns")
    class StartBlocks {

        @ParameterizedTest(name = "init that ends with {0}")
        @EnumSource(InitKind.class)
        @DisplayName("start does not return while init is still running, then reports init's outcome")
        void startWaitsForInit(InitKind kind) throws Throwable {
            Gate entered = gate();
            Gate release = gate();
            Probe probe = new Probe();
            InitStep init = ctx -> {
                entered.open();
                release.pass();
                return switch (kind) {
                    case OK -> ok("initialised");
                    case IGNORE -> Init.ignore();
                    case STOP -> Init.stop(ExitReason.error("refused"));
                    case THROWS -> throw new IllegalStateException("failed");
                };
            };
            CompletableFuture<StartResult> start = inBackground(
                    () -> rt.start(probe.factory(init), StartOptions.named("slow-init")));
            entered.awaitOpen();

            assertStillPending(start, Duration.ofMillis(200));

            release.open();
            switch (kind) {
                case OK -> {
                    StartResult r = get(start);
                    assertThat(r.isStarted()).isTrue();
                    assertThat(r.ref().<Object>call(new Get())).isEqualTo("initialised");
                }
                case IGNORE -> assertThat(get(start)).isInstanceOf(StartResult.Ignored.class);
                case STOP, THROWS ->
                        assertThatThrownBy(() -> get(start)).isExactlyInstanceOf(StartFailedException.class);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §1.2 start timeout — unlimited by default, configurable; when it expires start fails "
            + "and the half-started process is killed")
    class StartTimeout {

        @Test
        @DisplayName("the default start timeout is unlimited, and it can be set per server")
        void defaultIsUnlimited() {
            assertThat(StartOptions.defaults().startTimeout()).isEqualTo(ServerRef.INFINITY);
            assertThat(StartOptions.named("x").startTimeout()).isEqualTo(ServerRef.INFINITY);
            assertThat(StartOptions.named("x").withStartTimeout(Duration.ofSeconds(2)).startTimeout())
                    .isEqualTo(Duration.ofSeconds(2));
        }

        @Test
        @DisplayName("an expired start timeout throws StartTimeoutException (a StartFailedException) naming the "
                + "server, interrupts the running init, frees the name, and skips terminate")
        void expiredStartTimeout() throws Throwable {
            Probe probe = new Probe();
            CountDownLatch never = new CountDownLatch(1);
            Gate entered = gate();
            CompletableFuture<Boolean> initInterrupted = new CompletableFuture<>();
            long before = System.nanoTime();
            Throwable thrown = catchThrowable(() -> rt.start(probe.factory(ctx -> {
                entered.open();
                try {
                    never.await(30, TimeUnit.SECONDS);
                    initInterrupted.complete(false);
                } catch (InterruptedException e) {
                    initInterrupted.complete(true);
                    throw e;
                }
                return ok(0);
            }), StartOptions.named("sluggish").withStartTimeout(Duration.ofMillis(300))));
            long elapsed = System.nanoTime() - before;

            assertThat(thrown).isInstanceOf(StartTimeoutException.class).isInstanceOf(StartFailedException.class);
            StartTimeoutException e = (StartTimeoutException) thrown;
            assertThat(e.server()).isEqualTo("sluggish");
            assertThat(e.getMessage()).contains("sluggish").contains("300");
            assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(rt.whereis("sluggish")).isEmpty();
            assertThat(rt.start(new Probe().factory(), StartOptions.named("sluggish")).isStarted()).isTrue();
            rt.close();
            assertThat(probe.terminates).hasValue(0);
            // A killed server's init, if it got to run at all, is interrupted.
            assumeThat(entered.opensWithin(Duration.ofSeconds(2))).as("init got to run (machine not too slow)")
                    .isTrue();
            assertThat(get(initInterrupted)).as("init was interrupted (the process was killed)").isTrue();
        }

        @Test
        @DisplayName("a killed half-started server never comes alive, even when its init ignores the interrupt "
                + "and returns ok later")
        void killedServerNeverComesAlive() throws Throwable {
            List<String> started = new CopyOnWriteArrayList<>();
            rt.addListener(new ProcessListener() {
                @Override
                public void started(ServerRef server, boolean restart) {
                    started.add(server.displayName());
                }
            });
            Gate release = gate();
            CompletableFuture<Thread> initThread = new CompletableFuture<>();
            Probe probe = new Probe();
            assertThatThrownBy(() -> rt.start(probe.factory(ctx -> {
                initThread.complete(Thread.currentThread());
                release.passUninterruptibly();
                return ok(0).thenContinue(new Note("zombie-continue"));
            }), StartOptions.named("zombie").withStartTimeout(Duration.ofMillis(200))))
                    .isInstanceOf(StartTimeoutException.class);
            assumeThat(initThread).as("init got to run before the start timeout (machine not too slow)")
                    .succeedsWithin(Duration.ofSeconds(2));
            ServerRef zombie = get(probe.context).self();

            release.open();
            Thread t = get(initThread);
            eventually().alias("the killed server's thread has finished").until(
                    () -> t.getState() == Thread.State.TERMINATED);

            assertThat(zombie.isAlive()).isFalse();
            assertThat(rt.whereis("zombie")).isEmpty();
            assertThat(rt.servers()).isEmpty();
            assertThat(started).doesNotContain("zombie");
            assertThat(probe.events()).containsExactly("init");
            assertThatThrownBy(() -> atOnce(() -> zombie.call(new Get()))).isInstanceOf(NoProcessException.class);
            assertThat(probe.terminates).hasValue(0);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §1.3 a name held by a live process makes start fail with 'already started' and the "
            + "holder's reference")
    class AlreadyStarted {

        @Test
        @DisplayName("start throws AlreadyStartedException with holder(); the second server's init never runs; "
                + "the holder is untouched")
        void nameHeldByRunningServer() throws Throwable {
            Probe holderProbe = new Probe();
            ServerRef holder = start(holderProbe, "unique");
            holder.cast(new Do("set", (from, s) -> Result.noReply("holder-state")));
            Probe second = new Probe();

            Throwable thrown = catchThrowable(() -> rt.start(second.factory(), StartOptions.named("unique")));

            assertThat(thrown).isInstanceOfSatisfying(AlreadyStartedException.class, e -> {
                assertThat(e.holder()).isNotNull();
                assertThat(e.holder().id()).isEqualTo(holder.id());
                assertThat(e.getMessage()).contains("unique");
            });
            assertThat(second.inits).as("init runs of the refused server").hasValue(0);
            assertThat(holder.<Object>call(new Get())).isEqualTo("holder-state");
            assertThat(((AlreadyStartedException) thrown).holder().<Object>call(new Get()))
                    .isEqualTo("holder-state");
            assertThat(rt.whereis("unique")).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(holder.id()));
        }

        @Test
        @DisplayName("a server still running init already holds its name")
        void nameHeldByStartingServer() throws Throwable {
            Gate entered = gate();
            Gate release = gate();
            Probe first = new Probe();
            CompletableFuture<StartResult> firstStart = inBackground(() -> rt.start(first.factory(ctx -> {
                entered.open();
                release.pass();
                return ok(0);
            }), StartOptions.named("contended")));
            entered.awaitOpen();
            ServerRef starting = get(first.context).self();

            Throwable thrown = catchThrowable(() -> rt.start(new Probe().factory(), StartOptions.named("contended")));

            assertThat(thrown).isInstanceOfSatisfying(AlreadyStartedException.class,
                    e -> assertThat(e.holder().id()).isEqualTo(starting.id()));
            release.open();
            assertThat(get(firstStart).ref().id()).isEqualTo(starting.id());
        }

        @Test
        @DisplayName("once the holder has stopped or crashed, the name can be taken again")
        void nameFreeAfterHolderExits() throws Throwable {
            ServerRef stopped = start(new Probe(), "reusable");
            stopped.stop();
            ServerRef crashed = start(new Probe(), "reusable");
            CompletableFuture<ExitReason> exit = crashed.onExit();
            crashed.cast(new Do("crash", (from, s) -> {
                throw new IllegalStateException("crash on purpose");
            }));
            get(exit);

            ServerRef third = start(new Probe(), "reusable");
            assertThat(third.isAlive()).isTrue();
            assertThat(rt.whereis("reusable")).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(third.id()));
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §1.3 the name is free again as soon as start reports a failure")
    class NameFreeAfterFailure {

        @ParameterizedTest(name = "after {0}")
        @EnumSource(Failure.class)
        @DisplayName("right after start returns or throws, the name is unregistered and a new start with it "
                + "succeeds at once")
        void nameFreeImmediately(Failure failure) throws Throwable {
            Outcome outcome = failStart(failure, new Probe(), "phoenix");
            if (failure == Failure.IGNORE) {
                assertThat(outcome.result()).isInstanceOf(StartResult.Ignored.class);
            } else {
                assertThat(outcome.error()).isInstanceOf(StartFailedException.class);
            }

            assertThat(rt.whereis("phoenix")).isEmpty();
            StartResult again = rt.start(new Probe().factory(), StartOptions.named("phoenix"));
            assertThat(again.isStarted()).isTrue();
            assertThat(again.ref().<Object>call(new Get())).isEqualTo(0);
        }
    }

    @Nested
    @DisplayName("contract §1.1, 'gone' column: callers that reached a server during an init that then fails are "
            + "answered at once")
    class CallersOfAFailedStart {

        @ParameterizedTest(name = "after {0}")
        @EnumSource(Failure.class)
        @DisplayName("a call queued during init fails at once with a GenServerException (not a timeout)")
        void queuedCallerAnswered(Failure failure) throws Throwable {
            Gate entered = gate();
            Gate release = gate();
            Probe probe = new Probe();
            InitStep init = ctx -> {
                entered.open();
                if (failure == Failure.START_TIMEOUT) {
                    release.passUninterruptibly();
                    return ok(0);
                }
                release.pass();
                return switch (failure) {
                    case IGNORE -> Init.ignore();
                    case STOP -> Init.stop(ExitReason.error("refused"));
                    case THROWS -> throw new IllegalStateException("failed");
                    case START_TIMEOUT -> throw new AssertionError("unreachable");
                };
            };
            StartOptions options = StartOptions.named("doomed");
            if (failure == Failure.START_TIMEOUT) {
                options = options.withStartTimeout(Duration.ofMillis(300));
            }
            StartOptions chosen = options;
            CompletableFuture<StartResult> start = inBackground(() -> rt.start(probe.factory(init), chosen));
            entered.awaitOpen();
            ServerRef doomed = get(probe.context).self();
            CompletableFuture<Object> caller = inBackground(() -> doomed.call(new Get(), ServerRef.INFINITY));
            // queued (or, if the start timeout already struck, answered)
            eventually().until(() -> doomed.info().mailboxLength() == 1 || caller.isDone());
            if (failure != Failure.START_TIMEOUT) {
                release.open();
            }

            assertThat(ConformanceFixtures.failureOf(caller)).isInstanceOf(GenServerException.class)
                    .isNotInstanceOf(CallTimeoutException.class);
            catchThrowable(() -> get(start));
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §1.4 heavy work belongs in continue, which runs before any queued message")
    class ContinueAfterInit {

        @Test
        @DisplayName("continue runs before messages the server queued to itself during init")
        void continueBeforeMailQueuedDuringInit() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = rt.start(probe.factory(ctx -> {
                ctx.self().cast(new Note("cast-in-init"));
                ctx.self().send(new Note("info-in-init"));
                return ok(0).thenContinue(new Do("heavy", (from, s) -> Result.noReply("loaded")));
            })).ref();

            assertThat(ref.<Object>call(new Get())).isEqualTo("loaded");
            assertThat(probe.events()).containsExactly("init", "continue:heavy", "cast:cast-in-init",
                    "info:info-in-init", "call:get");
        }

        @Test
        @DisplayName("continue runs before messages other clients queued while init was still running")
        void continueBeforeMailQueuedByOthers() throws Throwable {
            Probe probe = new Probe();
            Gate release = gate();
            CompletableFuture<StartResult> start = inBackground(() -> rt.start(probe.factory(ctx -> {
                release.pass();
                return ok(0).thenContinue(new Do("heavy", (from, s) -> Result.noReply("loaded")));
            }), StartOptions.named("warming")));
            ServerRef early = get(probe.context).self();
            early.cast(new Note("early"));
            CompletableFuture<Object> earlyCall = early.callAsync(new Get(), ConformanceFixtures.AWAIT);
            release.open();

            assertThat(get(start).isStarted()).isTrue();
            assertThat(get(earlyCall)).isEqualTo("loaded");
            assertThat(probe.events()).containsExactly("init", "continue:heavy", "cast:early", "call:get");
        }

        @Test
        @DisplayName("start returns while the continue is still doing its heavy work; queued calls wait for it")
        void startDoesNotWaitForContinue() throws Throwable {
            Probe probe = new Probe();
            Gate inContinue = gate();
            Gate finish = gate();
            ServerRef ref = atOnce(() -> rt.start(probe.factory(ctx -> ok(0).thenContinue(new Do("heavy",
                    (from, s) -> {
                        inContinue.open();
                        finish.pass();
                        return Result.noReply("loaded");
                    })))).ref());
            inContinue.awaitOpen();
            CompletableFuture<Object> queued = ref.callAsync(new Get(), ConformanceFixtures.AWAIT);

            assertStillPending(queued, Duration.ofMillis(200));
            finish.open();
            assertThat(get(queued)).isEqualTo("loaded");
        }
    }
}
