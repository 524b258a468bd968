package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.AWAIT;
import static dev.genserver.process.conformance.ConformanceFixtures.LONG;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.failedNow;
import static dev.genserver.process.conformance.ConformanceFixtures.startRecorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.CrashReport;
import dev.genserver.process.DeadLetter;
import dev.genserver.process.ExitReason;
import dev.genserver.process.MailboxOnCrash;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import dev.genserver.process.SupervisionForTests;
import dev.genserver.process.conformance.ConformanceFixtures.Add;
import dev.genserver.process.conformance.ConformanceFixtures.Block;
import dev.genserver.process.conformance.ConformanceFixtures.Crash;
import dev.genserver.process.conformance.ConformanceFixtures.Events;
import dev.genserver.process.conformance.ConformanceFixtures.Get;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("contract §6 Crashes and the mailbox")
class S6CrashAndMailboxTest extends ConformanceTest {

    private StartOptions supervised(String name) {
        return SupervisionForTests.restartable(StartOptions.named(name));
    }

    /**
     * Holds the server in a handler, queues {@code crash} behind it and then {@code after}, releases
     * it, and waits until the crash has put the server into RESTARTING.
     */
    private void crashWithQueued(ServerRef ref, Object crash, Runnable after) {
        Block b = blocks.create();
        ref.cast(b);
        b.awaitEntered();
        ref.cast(crash);
        after.run();
        b.release();
        eventually().until(() -> ref.info().status() == ServerStatus.RESTARTING);
    }

    @Nested
    @DisplayName("contract §6.1 The mailbox belongs to the supervised name and survives a restart by default: the crashing"
            + " message is not redelivered (it is reported: type, exception, time), the rest are handled by the"
            + " fresh instance")
    class MailboxSurvivesRestart {

        @Test
        @DisplayName("queued casts and calls wait through RESTARTING and are handled, in order, by a fresh instance")
        void queuedMessagesSurvive() {
            ServerRef ref = startRecorder(rt, ev, supervised("s6-keep"));
            CompletableFuture<Integer>[] call = new CompletableFuture[1];
            Instant before = Instant.now();
            crashWithQueued(ref, new Crash("boom"), () -> {
                ref.cast(new Add(1));
                ref.cast(new Add(2));
                call[0] = ref.callAsync(new Get(), LONG);
            });
            Instant after = Instant.now();

            assertThat(ref.isAlive()).as("a restarting server is alive").isTrue();
            assertThat(rt.whereis("s6-keep")).contains(ref);
            assertThat(ref.info().mailboxLength()).isEqualTo(3);
            assertThat(call[0]).as("the queued caller still waits").isNotDone();
            assertThat(ev.inits).hasValue(1);

            assertThat(SupervisionForTests.restart(rt, ref).isStarted()).isTrue();

            assertThat(call[0]).succeedsWithin(AWAIT).isEqualTo(3);
            assertThat(ev.inits).hasValue(2);
            assertThat(ev.instances).hasSize(2).doesNotHaveDuplicates();
            assertThat(ev.count(Crash.class)).as("the crashing message is not redelivered").isEqualTo(1);
            assertThat(ev.handled.subList(ev.handled.indexOf(new Crash("boom")) + 1, ev.handled.size()))
                    .containsExactly(new Add(1), new Add(2), new Get());

            CrashReport crash = ref.info().lastCrash();
            assertThat(crash).isNotNull();
            assertThat(crash.messageType()).isEqualTo(Crash.class.getName());
            assertThat(crash.exceptionType()).isEqualTo(IllegalStateException.class.getName());
            assertThat(crash.exceptionMessage()).isEqualTo("boom");
            assertThat(crash.time()).isBetween(before, after);
            assertThat(ref.info().restarts()).isEqualTo(1);
            assertThat(ref.info().status()).isEqualTo(ServerStatus.RUNNING);
        }

        @Test
        @DisplayName("a call that crashes the server: its caller gets CallFailed at once, the report names the request")
        void crashingCallIsReportedNotRedelivered() {
            ServerRef ref = startRecorder(rt, ev, supervised("s6-keep-call"));
            assertThatThrownBy(() -> ref.call(new Crash("bad request"), LONG))
                    .isInstanceOf(CallFailedException.class).hasRootCauseMessage("bad request");
            eventually().until(() -> ref.info().status() == ServerStatus.RESTARTING);
            assertThat(ref.info().lastCrash().messageType()).isEqualTo(Crash.class.getName());

            SupervisionForTests.restart(rt, ref);
            assertThat(ref.<Integer>call(new Get(), LONG)).isZero();
            assertThat(ev.count(Crash.class)).isEqualTo(1);
        }

        @Test
        @DisplayName("messages sent while RESTARTING are queued and handled by the fresh instance")
        void messagesSentWhileRestarting() {
            ServerRef ref = startRecorder(rt, ev, supervised("s6-keep-late"));
            ref.cast(new Add(100));
            ref.cast(new Crash("boom"));
            eventually().until(() -> ref.info().status() == ServerStatus.RESTARTING);

            ref.cast(new Add(5));
            CompletableFuture<Integer> late = ref.callAsync(new Get(), LONG);
            assertThat(late).isNotDone();
            SupervisionForTests.restart(rt, ref);
            assertThat(late).succeedsWithin(AWAIT).as("fresh state from init, not the crashed one").isEqualTo(5);
        }
    }

    @Nested
    @DisplayName("contract §6.2 Configurable back to OTP behaviour (MailboxOnCrash.DROP): every pending caller fails at once")
    class DropMode {

        @Test
        @DisplayName("on the crash, queued callers get ServerStopped(crash reason) and queued casts are dead letters")
        void pendingCallersFailAtOnce() {
            ServerRef ref = startRecorder(rt, ev, supervised("s6-drop").withMailboxOnCrash(MailboxOnCrash.DROP));
            List<DeadLetter> letters = new CopyOnWriteArrayList<>();
            rt.onDeadLetter(letters::add);
            CompletableFuture<Integer>[] calls = new CompletableFuture[2];
            crashWithQueued(ref, new Crash("boom"), () -> {
                calls[0] = ref.callAsync(new Get(), LONG);
                ref.cast(new Add(1));
                calls[1] = ref.callAsync(new Add(2), LONG);
                ref.cast(new Add(3));
            });

            for (CompletableFuture<Integer> c : calls) {
                assertThat(failedNow(c)).isInstanceOfSatisfying(ServerStoppedException.class, e -> assertThat(
                        e.reason()).isInstanceOfSatisfying(ExitReason.Crash.class,
                                r -> assertThat(r.cause()).hasMessage("boom")));
            }
            assertThat(ref.info().mailboxLength()).isZero();
            assertThat(ref.info().deadLetters()).isEqualTo(2);
            assertThat(letters).extracting(DeadLetter::message).containsExactly(new Add(1), new Add(3));

            SupervisionForTests.restart(rt, ref);
            assertThat(ref.<Integer>call(new Get(), LONG)).isZero();
            assertThat(ev.count(Add.class)).as("dropped messages are never handled").isZero();
        }
    }

    @Nested
    @DisplayName("contract §6.3 When a supervisor gives up, every pending caller fails at once and casts become dead letters")
    class SupervisorGivesUp {

        @Test
        @DisplayName("discard: queued callers get ServerStopped(reason), casts are dead letters, the name is freed")
        void discard() {
            ServerRef ref = startRecorder(rt, ev, supervised("s6-discard"));
            CompletableFuture<Integer>[] call = new CompletableFuture[1];
            crashWithQueued(ref, new Crash("boom"), () -> {
                ref.cast(new Add(1));
                call[0] = ref.callAsync(new Get(), LONG);
                ref.cast(new Add(2));
            });
            assertThat(call[0]).isNotDone();

            ExitReason gaveUp = ExitReason.shutdown("too many restarts");
            SupervisionForTests.discard(rt, ref, gaveUp);

            assertThat(failedNow(call[0])).isInstanceOfSatisfying(ServerStoppedException.class,
                    e -> assertThat(e.reason()).isEqualTo(gaveUp));
            assertThat(ref.info().deadLetters()).isEqualTo(2);
            assertThat(ref.isAlive()).isFalse();
            assertThat(ref.info().status().isTerminal()).isTrue();
            assertThat(rt.whereis("s6-discard")).isEmpty();
            assertThatThrownBy(() -> ref.call(new Get())).isInstanceOf(NoProcessException.class);
            assertThat(startRecorder(rt, new Events(), StartOptions.named("s6-discard")).isAlive()).isTrue();
        }

        @Test
        @DisplayName("restart and discard refuse a server that is running")
        void refuseRunning() {
            ServerRef ref = startRecorder(rt, ev, supervised("s6-running"));
            assertThatThrownBy(() -> SupervisionForTests.restart(rt, ref)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> SupervisionForTests.discard(rt, ref, ExitReason.SHUTDOWN)).isInstanceOf(IllegalStateException.class);
            assertThat(ref.<Integer>call(new Get())).isZero();
        }
    }

    @Nested
    @DisplayName("contract §6.4 (and §0.4): a restart builds a fresh instance and runs init again; a crashed instance is never reused")
    class FreshInstance {

        @Test
        @DisplayName("each restart calls the factory and init again, with fresh state")
        void freshInstanceEachRestart() {
            ServerRef ref = startRecorder(rt, ev, supervised("s6-fresh"));
            for (int i = 1; i <= 3; i++) {
                ref.cast(new Add(10));
                ref.cast(new Crash("crash " + i));
                eventually().until(() -> ref.info().status() == ServerStatus.RESTARTING);
                StartResult restarted = SupervisionForTests.restart(rt, ref);
                assertThat(restarted.ref()).isSameAs(ref);
                assertThat(ref.<Integer>call(new Get(), LONG)).isZero();
            }
            assertThat(ev.inits).hasValue(4);
            assertThat(ev.instances).hasSize(4).doesNotHaveDuplicates();
            assertThat(ref.info().restarts()).isEqualTo(3);
            assertThat(ref.info().lastCrash().exceptionMessage()).isEqualTo("crash 3");
        }
    }
}
