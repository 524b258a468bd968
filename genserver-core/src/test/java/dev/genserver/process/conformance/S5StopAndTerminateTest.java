package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.AWAIT;
import static dev.genserver.process.conformance.ConformanceFixtures.LONG;
import static dev.genserver.process.conformance.ConformanceFixtures.background;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.failedNow;
import static dev.genserver.process.conformance.ConformanceFixtures.startRecorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.genserver.process.CallFailedException;
import dev.genserver.process.DeadLetter;
import dev.genserver.process.ExitReason;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.process.StartFailedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartTimeoutException;
import dev.genserver.process.conformance.ConformanceFixtures.Add;
import dev.genserver.process.conformance.ConformanceFixtures.Background;
import dev.genserver.process.conformance.ConformanceFixtures.Block;
import dev.genserver.process.conformance.ConformanceFixtures.Crash;
import dev.genserver.process.conformance.ConformanceFixtures.Defer;
import dev.genserver.process.conformance.ConformanceFixtures.Echo;
import dev.genserver.process.conformance.ConformanceFixtures.Events;
import dev.genserver.process.conformance.ConformanceFixtures.Get;
import dev.genserver.process.conformance.ConformanceFixtures.StopWith;
import dev.genserver.process.conformance.ConformanceFixtures.Terminated;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("contract §5 Stop and terminate")
class S5StopAndTerminateTest extends ConformanceTest {

    static Stream<ExitReason> normalReasons() {
        return Stream.of(ExitReason.NORMAL, ExitReason.SHUTDOWN, ExitReason.shutdown("maintenance"));
    }

    static Stream<ExitReason> abnormalReasons() {
        return Stream.of(ExitReason.error("bad state"), ExitReason.crash(new IllegalStateException("x")),
                ExitReason.KILLED, ExitReason.NOPROC);
    }

    @Nested
    @DisplayName("contract §5.1 Stop reasons: normal, shutdown, shutdown(detail) are normal (no error log); everything else"
            + " is abnormal and logged with the server name, last message type and (redacted) state")
    class StopReasons {

        @Test
        @DisplayName("normal, shutdown and shutdown(detail) are normal; error, crash, killed, noproc are not")
        void classification() {
            normalReasons().forEach(r -> assertThat(r.isNormal()).as("%s is normal", r).isTrue());
            abnormalReasons().forEach(r -> assertThat(r.isNormal()).as("%s is abnormal", r).isFalse());
        }

        @ParameterizedTest(name = "explicit stop with {0}: STOPPED, no crash report, no error log")
        @MethodSource("dev.genserver.process.conformance.S5StopAndTerminateTest#normalReasons")
        void explicitStopWithNormalReason(ExitReason reason) {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-normal"));
            CompletableFuture<ExitReason> exit = ref.onExit();
            try (LogCapture logs = LogCapture.capture()) {
                ref.stop(reason, AWAIT);
                assertThat(exit).isCompletedWithValue(reason);
                assertThat(logs.errors("s5-normal")).isEmpty();
            }
            assertThat(ref.info().status()).isEqualTo(ServerStatus.STOPPED);
            assertThat(ref.info().lastCrash()).isNull();
            assertThat(ev.terminated).extracting(Terminated::reason).containsExactly(reason);
        }

        @ParameterizedTest(name = "handler returns stop({0}): STOPPED, no crash report, no error log")
        @MethodSource("dev.genserver.process.conformance.S5StopAndTerminateTest#normalReasons")
        void stopResultWithNormalReason(ExitReason reason) {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-normal-result"));
            CompletableFuture<ExitReason> exit = ref.onExit();
            try (LogCapture logs = LogCapture.capture()) {
                ref.cast(new StopWith(reason));
                assertThat(exit).succeedsWithin(AWAIT).isEqualTo(reason);
                assertThat(logs.errors("s5-normal-result")).isEmpty();
            }
            assertThat(ref.info().status()).isEqualTo(ServerStatus.STOPPED);
            assertThat(ref.info().lastCrash()).isNull();
        }

        @Test
        @DisplayName("an explicit stop with an abnormal reason is FAILED, reported as last crash and logged as error")
        void explicitStopWithAbnormalReason() {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-abnormal"));
            ExitReason reason = ExitReason.error("bad state");
            try (LogCapture logs = LogCapture.capture()) {
                ref.stop(reason, AWAIT);
                assertThat(logs.errors("s5-abnormal")).isNotEmpty();
            }
            assertThat(ref.info().status()).isEqualTo(ServerStatus.FAILED);
            assertThat(ref.info().lastCrash()).isNotNull();
            assertThat(ref.info().lastCrash().reason()).isEqualTo(reason);
        }

        @Test
        @DisplayName("a crash is logged as error with the server name, the last message type and, when the runtime"
                + " shows state in crash logs, the redacted state")
        void crashLogNamesServerMessageTypeAndRedactedState() {
            ev.format = s -> "balance=***";
            rt.close();
            rt = ProcessRuntime.builder().showStateInCrashLogs(true).build();
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-crash-log"));
            ref.cast(new Add(987654321));
            CompletableFuture<ExitReason> exit = ref.onExit();
            try (LogCapture logs = LogCapture.capture()) {
                ref.cast(new Crash("boom"));
                assertThat(exit).succeedsWithin(AWAIT);
                eventually().until(() -> !logs.errors("s5-crash-log").isEmpty());
                assertThat(logs.errors("s5-crash-log")).anySatisfy(line -> assertThat(line)
                        .contains("s5-crash-log")
                        .contains(Crash.class.getName())
                        .contains("balance=***")
                        .doesNotContain("987654321"));
            }
        }

        @Test
        @DisplayName("a crash log shows no state at all when the redaction hook throws (fail closed)")
        void crashLogFailsClosedWhenRedactionThrows() {
            ev.format = s -> {
                throw new IllegalStateException("redaction broken");
            };
            rt.close();
            rt = ProcessRuntime.builder().showStateInCrashLogs(true).build();
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-crash-log-closed"));
            ref.cast(new Add(987654321));
            CompletableFuture<ExitReason> exit = ref.onExit();
            try (LogCapture logs = LogCapture.capture()) {
                ref.cast(new Crash("boom"));
                assertThat(exit).succeedsWithin(AWAIT);
                eventually().until(() -> !logs.errors("s5-crash-log-closed").isEmpty());
                assertThat(logs.all()).noneMatch(line -> line.contains("987654321"));
            }
        }
    }

    @Nested
    @DisplayName("contract §5.2 terminate runs on: stop result, handler exception, explicit stop, supervisor shutdown"
            + " within its shutdown timeout")
    class TerminateRuns {

        @Test
        @DisplayName("on a stop result from a cast, with the reason and the state")
        void onStopResult() {
            ServerRef ref = startRecorder(rt, ev);
            ref.cast(new Add(5));
            CompletableFuture<ExitReason> exit = ref.onExit();
            ref.cast(new StopWith(ExitReason.NORMAL));
            assertThat(exit).succeedsWithin(AWAIT).isEqualTo(ExitReason.NORMAL);
            assertThat(ev.terminated).containsExactly(new Terminated(ExitReason.NORMAL, 5));
        }

        @Test
        @DisplayName("on a stop result from a call: terminate has run when the caller gets ServerStopped")
        void onStopResultFromCallWithoutReply() {
            ServerRef ref = startRecorder(rt, ev);
            ExitReason reason = ExitReason.shutdown("done");
            assertThatThrownBy(() -> ref.call(new StopWith(reason)))
                    .isInstanceOfSatisfying(ServerStoppedException.class,
                            e -> assertThat(e.reason()).isEqualTo(reason));
            assertThat(ev.terminated).containsExactly(new Terminated(reason, 0));
        }

        @Test
        @DisplayName("on stop-with-reply: terminate has run when the caller gets the reply")
        void onStopResultWithReply() {
            ServerRef ref = startRecorder(rt, ev);
            assertThat(ref.<String>call(new StopWith(ExitReason.NORMAL, true, "bye"), LONG)).isEqualTo("bye");
            assertThat(ev.terminated).containsExactly(new Terminated(ExitReason.NORMAL, 0));
        }

        @Test
        @DisplayName("on a handler exception, with the crash reason and the last good state")
        void onHandlerException() {
            ServerRef ref = startRecorder(rt, ev);
            ref.cast(new Add(7));
            CompletableFuture<ExitReason> exit = ref.onExit();
            assertThatThrownBy(() -> ref.call(new Crash("kaboom"), LONG))
                    .isInstanceOf(CallFailedException.class).hasRootCauseMessage("kaboom");
            assertThat(exit).succeedsWithin(AWAIT).isInstanceOfSatisfying(ExitReason.Crash.class,
                    c -> assertThat(c.cause()).hasMessage("kaboom"));
            assertThat(ev.terminated).singleElement().satisfies(t -> {
                assertThat(t.reason()).isInstanceOf(ExitReason.Crash.class);
                assertThat(t.state()).isEqualTo(7);
            });
        }

        @Test
        @DisplayName("on an exception in an info handler")
        void onInfoHandlerException() {
            ServerRef ref = startRecorder(rt, ev);
            CompletableFuture<ExitReason> exit = ref.onExit();
            ref.send(new Crash("in info"));
            assertThat(exit).succeedsWithin(AWAIT).isInstanceOf(ExitReason.Crash.class);
            assertThat(ev.terminated).singleElement()
                    .satisfies(t -> assertThat(t.reason()).isInstanceOf(ExitReason.Crash.class));
        }

        @Test
        @DisplayName("on an explicit stop(): terminate(normal, state) has run when stop returns")
        void onExplicitStop() {
            ServerRef ref = startRecorder(rt, ev);
            assertThat(ref.<Integer>call(new Add(3))).isEqualTo(3);
            ref.stop();
            assertThat(ev.terminated).containsExactly(new Terminated(ExitReason.NORMAL, 3));
        }

        @Test
        @DisplayName("on a supervisor-style shutdown within its shutdown timeout: terminate(shutdown)")
        void onShutdownWithinTimeout() {
            ServerRef ref = startRecorder(rt, ev);
            ref.stop(ExitReason.SHUTDOWN, AWAIT);
            assertThat(ev.terminated).containsExactly(new Terminated(ExitReason.SHUTDOWN, 0));
            assertThat(ref.info().status()).isEqualTo(ServerStatus.STOPPED);
        }

        @Test
        @DisplayName("closing the runtime runs terminate(shutdown) on every server, newest first")
        void onRuntimeClose() {
            List<String> order = new CopyOnWriteArrayList<>();
            try (ProcessRuntime own = ProcessRuntime.create()) {
                for (String name : List.of("a", "b", "c")) {
                    Events e = new Events();
                    e.onTerminate = r -> order.add(name + ":" + r);
                    startRecorder(own, e, StartOptions.named(name));
                }
            }
            assertThat(order).containsExactly("c:shutdown", "b:shutdown", "a:shutdown");
        }
    }

    @Nested
    @DisplayName("contract §5.3 terminate does not run on brutal kill or when init failed")
    class TerminateDoesNotRun {

        @Test
        @DisplayName("kill of an idle server: exits with killed, no terminate")
        void notOnKillIdle() {
            ServerRef ref = startRecorder(rt, ev);
            CompletableFuture<ExitReason> exit = ref.onExit();
            rt.exit(ref, ExitReason.KILL);
            assertThat(exit).succeedsWithin(AWAIT).isEqualTo(ExitReason.KILLED);
            assertThat(ref.isAlive()).isFalse();
            assertThat(ev.terminated).isEmpty();
        }

        @Test
        @DisplayName("kill of a server busy in a handler: the handler is interrupted, no terminate")
        void notOnKillBusy() {
            ServerRef ref = startRecorder(rt, ev);
            Block b = blocks.create();
            ref.cast(b);
            b.awaitEntered();
            CompletableFuture<ExitReason> exit = ref.onExit();
            rt.exit(ref, ExitReason.KILL);
            assertThat(exit).succeedsWithin(AWAIT).isEqualTo(ExitReason.KILLED);
            eventually().until(() -> b.interrupted.get() && ref.info().currentMessageType() == null);
            assertThat(ev.terminated).isEmpty();
        }

        @Test
        @DisplayName("init returned stop: start fails, no terminate")
        void notWhenInitReturnedStop() {
            ev.initStop = ExitReason.error("cannot start");
            assertThatThrownBy(() -> startRecorder(rt, ev)).isInstanceOf(StartFailedException.class);
            assertThat(ev.inits).hasValue(1);
            assertThat(ev.terminated).isEmpty();
        }

        @Test
        @DisplayName("init threw: start fails, no terminate")
        void notWhenInitThrew() {
            ev.onInit = ctx -> {
                throw new IllegalStateException("init broke");
            };
            assertThatThrownBy(() -> startRecorder(rt, ev)).isInstanceOf(StartFailedException.class)
                    .hasRootCauseMessage("init broke");
            assertThat(ev.inits).hasValue(1);
            assertThat(ev.terminated).isEmpty();
        }

        @Test
        @DisplayName("init exceeded the start timeout: the half-started server is killed, no terminate")
        void notWhenInitTimedOut() {
            Block b = blocks.create();
            ev.onInit = ctx -> b.run();
            assertThatThrownBy(() -> startRecorder(rt, ev, StartOptions.defaults()
                    .withStartTimeout(Duration.ofMillis(200)))).isInstanceOf(StartTimeoutException.class);
            b.release();
            eventually().until(() -> b.interrupted.get() || b.finished.get());
            assertThat(ev.terminated).isEmpty();
        }
    }

    @Nested
    @DisplayName("contract §5.4 A terminate that throws is logged; the stop still completes")
    class ThrowingTerminate {

        @BeforeEach
        void terminateThrows() {
            ev.onTerminate = r -> {
                throw new IllegalStateException("terminate failed");
            };
        }

        @Test
        @DisplayName("explicit stop completes (server gone, exit normal) and the failure is logged")
        void explicitStop() {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-bad-terminate"));
            CompletableFuture<ExitReason> exit = ref.onExit();
            try (LogCapture logs = LogCapture.capture()) {
                ref.stop();
                assertThat(logs.errors("s5-bad-terminate")).anySatisfy(l -> assertThat(l).contains("terminate"));
            }
            assertThat(ref.isAlive()).isFalse();
            assertThat(exit).isCompletedWithValue(ExitReason.NORMAL);
            assertThat(ev.terminated).hasSize(1);
        }

        @Test
        @DisplayName("a crash still exits with the original crash reason, not terminate's exception")
        void crash() {
            ServerRef ref = startRecorder(rt, ev);
            CompletableFuture<ExitReason> exit = ref.onExit();
            assertThatThrownBy(() -> ref.call(new Crash("original"), LONG)).isInstanceOf(CallFailedException.class);
            assertThat(exit).succeedsWithin(AWAIT).isInstanceOfSatisfying(ExitReason.Crash.class,
                    c -> assertThat(c.cause()).hasMessage("original"));
            assertThat(ref.isAlive()).isFalse();
        }

        @Test
        @DisplayName("stop-with-reply still answers the caller")
        void stopWithReply() {
            ServerRef ref = startRecorder(rt, ev);
            assertThat(ref.<String>call(new StopWith(ExitReason.NORMAL, true, "bye"), LONG)).isEqualTo("bye");
            eventually().until(() -> !ref.isAlive());
        }
    }

    @Nested
    @DisplayName("contract §5.5 Explicit stop is synchronous, returns when the process is gone")
    class SynchronousStop {

        @Test
        @DisplayName("right after stop(): not alive, name free, STOPPED, terminated; calls fail with no process")
        void goneWhenStopReturns() {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-sync"));
            CompletableFuture<ExitReason> exit = ref.onExit();
            ref.stop();
            assertThat(ref.isAlive()).isFalse();
            assertThat(rt.whereis("s5-sync")).isEmpty();
            assertThat(ref.info().status()).isEqualTo(ServerStatus.STOPPED);
            assertThat(exit).isCompletedWithValue(ExitReason.NORMAL);
            assertThat(ev.terminated).hasSize(1);
            assertThatThrownBy(() -> ref.call(new Get())).isInstanceOf(NoProcessException.class);
            ServerRef again = startRecorder(rt, new Events(), StartOptions.named("s5-sync"));
            assertThat(again.isAlive()).isTrue();
        }

        @Test
        @DisplayName("stop waits for the message in progress to finish; its caller gets the reply")
        void waitsForCurrentMessage() {
            ServerRef ref = startRecorder(rt, ev);
            Block b = blocks.create();
            CompletableFuture<String> inFlight = ref.callAsync(b, LONG);
            b.awaitEntered();
            Background<Void> stopper = background("s5-stopper", ref::stop).awaitParked();
            assertThat(stopper.result()).isNotDone();
            assertThat(ref.isAlive()).isTrue();
            b.release();
            assertThat(stopper.result()).succeedsWithin(AWAIT);
            assertThat(inFlight).isCompletedWithValue("unblocked");
            assertThat(b.finished).isTrue();
            assertThat(ref.isAlive()).isFalse();
        }

        @Test
        @DisplayName("stopping a server that is not alive fails with NoProcessException")
        void stopDeadServer() {
            ServerRef ref = startRecorder(rt, ev);
            ref.stop();
            assertThatThrownBy(ref::stop).isInstanceOf(NoProcessException.class);
            assertThatThrownBy(() -> ref.stop(ExitReason.SHUTDOWN, AWAIT)).isInstanceOf(NoProcessException.class);
        }
    }

    @Nested
    @DisplayName("contract §5.6 Shutdown: finish the current message; pending calls are answered with 'server stopped',"
            + " never left to time out; pending casts become dead letters (counted and logged)")
    class PendingOnShutdown {

        @Test
        @DisplayName("queued callers get ServerStoppedException at once, queued casts are counted dead letters")
        void pendingCallsFailAtOnceAndCastsAreDeadLetters() {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-pending"));
            List<DeadLetter> letters = new CopyOnWriteArrayList<>();
            rt.onDeadLetter(letters::add);
            Block b = blocks.create();
            ref.cast(b);
            b.awaitEntered();
            CompletableFuture<Integer> c1 = ref.callAsync(new Get(), LONG);
            CompletableFuture<Object> c2 = ref.callAsync(new Echo("x"), LONG);
            ref.cast(new Add(1));
            ref.cast(new Add(2));
            ref.cast(new Add(3));
            assertThat(ref.info().mailboxLength()).isEqualTo(5);

            Background<Void> stopper = background("s5-stopper", ref::stop).awaitParked();
            b.release();
            assertThat(stopper.result()).succeedsWithin(AWAIT);

            // Answered by the time stop returned: no caller is left to time out.
            for (CompletableFuture<?> c : List.of(c1, c2)) {
                assertThat(failedNow(c)).isInstanceOfSatisfying(ServerStoppedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExitReason.NORMAL));
            }
            assertThat(b.finished).as("the current message was finished").isTrue();
            assertThat(ev.count(Add.class)).as("queued casts were not handled").isZero();
            assertThat(ev.terminated).containsExactly(new Terminated(ExitReason.NORMAL, 0));
            assertThat(ref.info().deadLetters()).isEqualTo(3);
            assertThat(rt.deadLetters()).isEqualTo(3);
            assertThat(letters).extracting(DeadLetter::message)
                    .containsExactly(new Add(1), new Add(2), new Add(3));
        }

        @Test
        @DisplayName("the dropped casts are logged as dead letters")
        void deadLettersAreLogged() {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-pending-log"));
            Block b = blocks.create();
            ref.cast(b);
            b.awaitEntered();
            ref.cast(new Add(1));
            try (LogCapture logs = LogCapture.captureDebug()) {
                Background<Void> stopper = background("s5-stopper", ref::stop).awaitParked();
                b.release();
                assertThat(stopper.result()).succeedsWithin(AWAIT);
                assertThat(logs.lines(Level.DEBUG, "s5-pending-log"))
                        .anySatisfy(l -> assertThat(l).contains("dead letter").contains(Add.class.getName()));
            }
        }

        @Test
        @DisplayName("a caller whose reply was deferred gets ServerStoppedException(reason) at once")
        void deferredCallerFailsAtOnce() {
            ServerRef ref = startRecorder(rt, ev);
            CompletableFuture<Object> deferred = ref.callAsync(new Defer(), LONG);
            eventually().until(() -> ev.deferred.size() == 1);
            ExitReason reason = ExitReason.shutdown("maintenance");
            ref.stop(reason, AWAIT);
            assertThat(failedNow(deferred)).isInstanceOfSatisfying(ServerStoppedException.class,
                    e -> assertThat(e.reason()).isEqualTo(reason));
        }
    }

    @Nested
    @DisplayName("contract §5.7 Beyond OTP: an optional drain mode handles the queued messages before terminate,"
            + " bounded by the shutdown timeout")
    class DrainMode {

        @Test
        @DisplayName("queued casts and calls are handled, in order, before terminate; nothing is a dead letter")
        void drainsBeforeTerminate() {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-drain").withDrainOnStop(true));
            Block b = blocks.create();
            ref.cast(b);
            b.awaitEntered();
            ref.cast(new Add(1));
            CompletableFuture<Integer> c1 = ref.callAsync(new Add(10), LONG);
            ref.cast(new Add(100));
            CompletableFuture<Integer> c2 = ref.callAsync(new Get(), LONG);

            Background<Void> stopper = background("s5-stopper", () -> ref.stop(ExitReason.SHUTDOWN, AWAIT))
                    .awaitParked();
            b.release();
            assertThat(stopper.result()).succeedsWithin(AWAIT);

            assertThat(c1).isCompletedWithValue(11);
            assertThat(c2).isCompletedWithValue(111);
            assertThat(ev.handled).containsExactly(b, new Add(1), new Add(10), new Add(100), new Get());
            assertThat(ev.terminated).containsExactly(new Terminated(ExitReason.SHUTDOWN, 111));
            assertThat(ref.info().deadLetters()).isZero();
            assertThat(ref.isAlive()).isFalse();
        }

        @Test
        @DisplayName("a drain that outlives the shutdown timeout is cut short: killed, the rest fail at once")
        void drainBoundedByTimeout() {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s5-drain-bounded").withDrainOnStop(true));
            Block first = blocks.create();
            Block stuck = blocks.create();
            ref.cast(first);
            first.awaitEntered();
            ref.cast(stuck);
            CompletableFuture<Integer> queued = ref.callAsync(new Get(), LONG);
            CompletableFuture<ExitReason> exit = ref.onExit();

            Background<Void> stopper = background("s5-stopper",
                    () -> ref.stop(ExitReason.SHUTDOWN, Duration.ofMillis(300))).awaitParked();
            first.release();
            assertThat(stopper.result()).succeedsWithin(AWAIT);

            assertThat(ref.isAlive()).isFalse();
            assertThat(exit).isCompletedWithValue(ExitReason.KILLED);
            assertThat(failedNow(queued)).isInstanceOf(ServerStoppedException.class);
            eventually().until(stuck.interrupted::get);
        }
    }

    @Nested
    @DisplayName("contract §5.8 Supervisor shutdown within its shutdown timeout: past the timeout the server is killed")
    class StopTimeoutKills {

        @Test
        @DisplayName("a server stuck in a handler is killed when stop(reason, timeout) expires; no terminate")
        void stuckInHandler() {
            ServerRef ref = startRecorder(rt, ev);
            Block stuck = blocks.create();
            ref.cast(stuck);
            stuck.awaitEntered();
            CompletableFuture<Integer> queued = ref.callAsync(new Get(), LONG);
            CompletableFuture<ExitReason> exit = ref.onExit();

            Background<Void> stopper = background("s5-stopper",
                    () -> ref.stop(ExitReason.SHUTDOWN, Duration.ofMillis(200)));
            assertThat(stopper.result()).succeedsWithin(AWAIT);

            assertThat(ref.isAlive()).isFalse();
            assertThat(exit).isCompletedWithValue(ExitReason.KILLED);
            assertThat(failedNow(queued)).isInstanceOfSatisfying(ServerStoppedException.class,
                    e -> assertThat(e.reason()).isEqualTo(ExitReason.KILLED));
            eventually().until(() -> stuck.interrupted.get() && ref.info().currentMessageType() == null);
            assertThat(ev.terminated).isEmpty();
        }

        @Test
        @DisplayName("a server stuck in terminate is killed when stop(reason, timeout) expires")
        void stuckInTerminate() {
            Block stuck = blocks.create();
            ev.onTerminate = r -> stuck.run();
            ServerRef ref = startRecorder(rt, ev);
            CompletableFuture<ExitReason> exit = ref.onExit();

            Background<Void> stopper = background("s5-stopper",
                    () -> ref.stop(ExitReason.NORMAL, Duration.ofMillis(200)));
            assertThat(stopper.result()).succeedsWithin(AWAIT);

            assertThat(ev.terminated).as("terminate was entered").hasSize(1);
            assertThat(ref.isAlive()).isFalse();
            assertThat(exit).isCompletedWithValue(ExitReason.KILLED);
            eventually().until(stuck.interrupted::get);
        }
    }
}
