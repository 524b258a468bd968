package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.AWAIT;
import static dev.genserver.process.conformance.ConformanceFixtures.LONG;
import static dev.genserver.process.conformance.ConformanceFixtures.backgroundCall;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.startRecorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.process.CallTimeoutException;
import dev.genserver.process.CrashReport;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServerException;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ServerInfo;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.process.StartOptions;
import dev.genserver.process.SupervisionForTests;
import dev.genserver.process.conformance.ConformanceFixtures.Add;
import dev.genserver.process.conformance.ConformanceFixtures.Background;
import dev.genserver.process.conformance.ConformanceFixtures.Block;
import dev.genserver.process.conformance.ConformanceFixtures.Crash;
import dev.genserver.process.conformance.ConformanceFixtures.Events;
import dev.genserver.process.conformance.ConformanceFixtures.Get;
import dev.genserver.process.conformance.ConformanceFixtures.Recorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("contract §8 Inspection (the :sys module)")
class S8InspectionTest extends ConformanceTest {

    @Nested
    @DisplayName("contract §8.1 status: starting, running, suspended, restarting, stopped, failed")
    class Status {

        @Test
        @DisplayName("STARTING while a slow init runs, then RUNNING")
        void startingDuringSlowInit() {
            Block init = blocks.create();
            ev.onInit = ctx -> init.run();
            Background<ServerRef> starter = backgroundCall("s8-starter",
                    () -> startRecorder(rt, ev, StartOptions.named("s8-slow")));
            init.awaitEntered();
            ServerRef ref = rt.whereis("s8-slow").orElseThrow();
            assertThat(ref.info().status()).isEqualTo(ServerStatus.STARTING);
            assertThat(ref.isAlive()).isTrue();
            assertThat(starter.result()).isNotDone();

            init.release();
            assertThat(starter.result()).succeedsWithin(AWAIT).isSameAs(ref);
            assertThat(ref.info().status()).isEqualTo(ServerStatus.RUNNING);
        }

        @Test
        @DisplayName("RUNNING, SUSPENDED after suspend(), RUNNING again after resume()")
        void runningAndSuspended() {
            ServerRef ref = startRecorder(rt, ev);
            assertThat(ref.info().status()).isEqualTo(ServerStatus.RUNNING);
            ref.suspend();
            assertThat(ref.info().status()).isEqualTo(ServerStatus.SUSPENDED);
            ref.resume();
            assertThat(ref.info().status()).isEqualTo(ServerStatus.RUNNING);
        }

        @Test
        @DisplayName("RESTARTING after a supervised crash, RUNNING after the restart")
        void restarting() {
            ServerRef ref = startRecorder(rt, ev, SupervisionForTests.restartable(StartOptions.named("s8-restart")));
            ref.cast(new Crash("boom"));
            eventually().until(() -> ref.info().status() == ServerStatus.RESTARTING);
            assertThat(ref.info().status().isTerminal()).isFalse();
            SupervisionForTests.restart(rt, ref);
            assertThat(ref.info().status()).isEqualTo(ServerStatus.RUNNING);
        }

        @Test
        @DisplayName("STOPPED after a normal stop")
        void stopped() {
            ServerRef ref = startRecorder(rt, ev);
            ref.stop();
            assertThat(ref.info().status()).isEqualTo(ServerStatus.STOPPED);
            assertThat(ref.info().status().isTerminal()).isTrue();
        }

        @Test
        @DisplayName("FAILED after a crash or a kill")
        void failed() {
            ServerRef crashed = startRecorder(rt, ev);
            crashed.cast(new Crash("boom"));
            eventually().until(() -> crashed.info().status() == ServerStatus.FAILED);

            ServerRef killed = startRecorder(rt, new Events());
            rt.exit(killed, ExitReason.KILL);
            assertThat(killed.info().status()).isEqualTo(ServerStatus.FAILED);
            assertThat(killed.info().status().isTerminal()).isTrue();
        }
    }

    @Nested
    @DisplayName("contract §8.2 mailbox length, messages handled, dead letters, restarts, last crash (time, exception,"
            + " message type), uptime, current message type and how long it has run")
    class Counters {

        @Test
        @DisplayName("identity: id, name and server type")
        void identity() {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s8-id"));
            ServerInfo info = ref.info();
            assertThat(info.id()).isEqualTo(ref.id());
            assertThat(info.name()).isEqualTo("s8-id");
            assertThat(info.serverType()).isEqualTo(Recorder.class.getName());
        }

        @Test
        @DisplayName("mailbox length counts queued messages")
        void mailboxLength() {
            ServerRef ref = startRecorder(rt, ev);
            Block b = blocks.create();
            ref.cast(b);
            b.awaitEntered();
            assertThat(ref.info().mailboxLength()).isZero();
            ref.cast(new Add(1));
            ref.send(new Add(1));
            ref.callAsync(new Get(), LONG);
            assertThat(ref.info().mailboxLength()).isEqualTo(3);
            b.release();
            eventually().until(() -> ref.info().mailboxLength() == 0);
        }

        @Test
        @DisplayName("messages handled counts calls, casts and infos")
        void messagesHandled() {
            ServerRef ref = startRecorder(rt, ev);
            for (int i = 0; i < 5; i++) {
                ref.cast(new Add(1));
            }
            ref.send(new Add(1));
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(6);
            assertThat(ref.info().messagesHandled()).isEqualTo(7);
        }

        @Test
        @DisplayName("dead letters count casts nobody handles")
        void deadLetters() {
            ServerRef ref = startRecorder(rt, ev);
            ref.cast("no handler for a String");
            ref.cast("nor for this one");
            ref.<Integer>call(new Get(), LONG);
            assertThat(ref.info().deadLetters()).isEqualTo(2);
            assertThat(rt.deadLetters()).isEqualTo(2);
        }

        @Test
        @DisplayName("restarts and the last crash: time, exception type and message, message type")
        void restartsAndLastCrash() {
            ServerRef ref = startRecorder(rt, ev, SupervisionForTests.restartable(StartOptions.named("s8-crashes")));
            assertThat(ref.info().lastCrash()).isNull();
            assertThat(ref.info().restarts()).isZero();
            for (int i = 1; i <= 2; i++) {
                Instant before = Instant.now();
                ref.cast(new Crash("crash #" + i));
                eventually().until(() -> ref.info().status() == ServerStatus.RESTARTING);
                CrashReport crash = ref.info().lastCrash();
                assertThat(crash.time()).isBetween(before, Instant.now());
                assertThat(crash.exceptionType()).isEqualTo(IllegalStateException.class.getName());
                assertThat(crash.exceptionMessage()).isEqualTo("crash #" + i);
                assertThat(crash.messageType()).isEqualTo(Crash.class.getName());
                assertThat(crash.reason()).isInstanceOf(ExitReason.Crash.class);
                SupervisionForTests.restart(rt, ref);
                assertThat(ref.info().restarts()).isEqualTo(i);
            }
        }

        @Test
        @DisplayName("uptime grows while the server runs; nothing is running after it stopped")
        void uptime() {
            Instant before = Instant.now().minusMillis(1);
            ServerRef ref = startRecorder(rt, ev);
            ServerInfo info = ref.info();
            assertThat(info.startedAt()).isNotNull().isBetween(before, Instant.now());
            assertThat(info.uptime().isNegative()).isFalse();
            eventually().until(() -> ref.info().uptime().toMillis() >= 20);
            ref.stop();
            assertThat(ref.info().startedAt()).isNull();
            assertThat(ref.info().uptime()).isEqualTo(Duration.ZERO);
        }

        @Test
        @DisplayName("the current message type and how long it has run, while a handler is blocked")
        void currentMessage() {
            ServerRef ref = startRecorder(rt, ev);
            assertThat(ref.info().currentMessageType()).isNull();
            Block b = blocks.create();
            ref.cast(b);
            b.awaitEntered();
            assertThat(ref.info().currentMessageType()).isEqualTo(Block.class.getName());
            eventually().until(() -> ref.info().currentMessageRunning().toMillis() >= 50);
            Duration first = ref.info().currentMessageRunning();
            eventually().until(() -> ref.info().currentMessageRunning().compareTo(first) > 0);
            b.release();
            eventually().until(() -> ref.info().currentMessageType() == null);
            assertThat(ref.info().currentMessageRunning()).isEqualTo(Duration.ZERO);
        }

        @Test
        @DisplayName("statistics: a call whose caller gave up is skipped, counted, and not handled")
        void skippedCalls() {
            ServerRef ref = startRecorder(rt, ev);
            Block b = blocks.create();
            ref.cast(b);
            b.awaitEntered();
            assertThatThrownBy(() -> ref.call(new Get(), Duration.ofMillis(100)))
                    .isInstanceOf(CallTimeoutException.class);
            b.release();
            assertThat(ref.<Integer>call(new Add(1), LONG)).isEqualTo(1);
            assertThat(ref.info().skippedCalls()).isEqualTo(1);
            assertThat(ev.count(Get.class)).isZero();
        }
    }

    @Nested
    @DisplayName("contract §8.3 get state")
    class GetState {

        @Test
        @DisplayName("returns the raw state")
        void rawState() {
            ServerRef ref = startRecorder(rt, ev);
            ref.<Integer>call(new Add(42), LONG);
            assertThat(ref.<Integer>getState()).isEqualTo(42);
        }

        @Test
        @DisplayName("as OTP's :sys.get_state, it sees the effect of a cast the same client sent before it")
        void orderedAfterOwnCast() {
            ServerRef ref = startRecorder(rt, ev);
            Block b = blocks.create();
            ref.cast(b);
            b.awaitEntered();
            ref.cast(new Add(5));
            Background<Integer> getter = backgroundCall("s8-get-state", ref::<Integer>getState).awaitParked();
            b.release();
            assertThat(getter.result()).succeedsWithin(AWAIT).isEqualTo(5);
        }

        @Test
        @DisplayName("fails with NoProcessException once the server is gone")
        void deadServer() {
            ServerRef ref = startRecorder(rt, ev);
            ref.stop();
            assertThatThrownBy(ref::getState).isInstanceOf(NoProcessException.class);
        }
    }

    @Nested
    @DisplayName("contract §8.4 replace state (atomically, through a function; a throwing function leaves state unchanged)")
    class ReplaceState {

        @Test
        @DisplayName("the function's result becomes the state")
        void replaces() {
            ServerRef ref = startRecorder(rt, ev);
            ref.<Integer>call(new Add(1), LONG);
            assertThat(ref.<Integer>replaceState((Integer s) -> s + 10)).isEqualTo(11);
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(11);
        }

        @Test
        @DisplayName("a throwing function leaves the state unchanged; the caller gets the exception; the server runs on")
        void throwingFunction() {
            ServerRef ref = startRecorder(rt, ev);
            ref.<Integer>call(new Add(7), LONG);
            IllegalArgumentException failure = new IllegalArgumentException("bad update");
            assertThatThrownBy(() -> ref.<Integer>replaceState((Integer s) -> {
                throw failure;
            })).isInstanceOf(GenServerException.class).hasCause(failure);
            assertThat(ref.<Integer>getState()).isEqualTo(7);
            assertThat(ref.isAlive()).isTrue();
            assertThat(ref.<Integer>call(new Add(1), LONG)).isEqualTo(8);
            assertThat(ev.terminated).isEmpty();
        }

        @Test
        @DisplayName("replacements interleaved with concurrent casts lose no update")
        void atomic() throws Exception {
            ServerRef ref = startRecorder(rt, ev);
            int senders = 4;
            int perSender = 2_000;
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < senders; t++) {
                    running.add(pool.submit(() -> {
                        for (int i = 0; i < perSender; i++) {
                            ref.cast(new Add(1));
                        }
                    }));
                }
                for (int i = 0; i < 10; i++) {
                    ref.<Integer>replaceState((Integer s) -> s + 1_000_000);
                }
                for (Future<?> f : running) {
                    f.get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(senders * perSender + 10_000_000);
        }
    }

    @Nested
    @DisplayName("contract §8.5 suspend/resume: a suspended server handles only inspection; calls queue and may time out")
    class SuspendResume {

        @Test
        @DisplayName("while suspended a call times out, casts and infos queue, inspection works; after resume"
                + " a call succeeds and the queue is handled in order (the timed-out call skipped)")
        void suspendAndResume() {
            ServerRef ref = startRecorder(rt, ev);
            ref.suspend();
            assertThatThrownBy(() -> ref.call(new Get(), Duration.ofMillis(200)))
                    .isInstanceOf(CallTimeoutException.class);
            ref.cast(new Add(1));
            ref.send(new Add(2));
            assertThat(ref.info().mailboxLength()).isEqualTo(3);
            assertThat(ref.<Integer>getState()).isZero();
            assertThat(ref.info().status()).isEqualTo(ServerStatus.SUSPENDED);
            assertThat(ev.handled).isEmpty();

            ref.resume();
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(3);
            assertThat(ev.handled).containsExactly(new Add(1), new Add(2), new Get());
            assertThat(ref.info().skippedCalls()).isEqualTo(1);
        }

        @Test
        @DisplayName("a call made while suspended waits and is answered after resume")
        void callAnsweredAfterResume() {
            ServerRef ref = startRecorder(rt, ev);
            ref.suspend();
            CompletableFuture<Integer> pending = ref.callAsync(new Add(4), LONG);
            assertThat(ref.info().mailboxLength()).isEqualTo(1);
            assertThat(pending).isNotDone();
            ref.resume();
            assertThat(pending).succeedsWithin(AWAIT).isEqualTo(4);
        }

        @Test
        @DisplayName("a suspended server can still be stopped; its queued caller gets ServerStopped")
        void stopWhileSuspended() {
            ServerRef ref = startRecorder(rt, ev);
            ref.suspend();
            CompletableFuture<Integer> pending = ref.callAsync(new Get(), LONG);
            ref.stop();
            assertThat(ref.isAlive()).isFalse();
            assertThat(pending).isCompletedExceptionally();
        }
    }

    @Nested
    @DisplayName("contract §8.6 State shown to anyone goes through the server's redaction hook (format_status);"
            + " a hook that throws shows nothing (fail closed)")
    class Redaction {

        @Test
        @DisplayName("getFormattedState shows what formatStatus returns")
        void formatted() {
            ev.format = s -> "balance=*** (" + (s > 0 ? "positive" : "zero") + ")";
            ServerRef ref = startRecorder(rt, ev);
            ref.<Integer>call(new Add(987654321), LONG);
            assertThat(ref.getFormattedState()).contains("balance=*** (positive)");
        }

        @Test
        @DisplayName("a throwing formatStatus shows nothing (Optional.empty()) and the server runs on")
        void throwingHookShowsNothing() {
            ev.format = s -> {
                throw new IllegalStateException("redaction broken");
            };
            ServerRef ref = startRecorder(rt, ev);
            ref.<Integer>call(new Add(987654321), LONG);
            assertThat(ref.getFormattedState()).isEmpty();
            assertThat(ref.isAlive()).isTrue();
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(987654321);
        }
    }
}
