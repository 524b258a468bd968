package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.AWAIT;
import static dev.genserver.process.conformance.ConformanceFixtures.assertStillPending;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.failureOf;
import static dev.genserver.process.conformance.ConformanceFixtures.get;
import static dev.genserver.process.conformance.ConformanceFixtures.letTimePass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.InactivityTimeout;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.process.conformance.ConformanceFixtures.Do;
import dev.genserver.process.conformance.ConformanceFixtures.Echo;
import dev.genserver.process.conformance.ConformanceFixtures.JournalEntry;
import dev.genserver.process.conformance.ConformanceFixtures.Gate;
import dev.genserver.process.conformance.ConformanceFixtures.Get;
import dev.genserver.process.conformance.ConformanceFixtures.Note;
import dev.genserver.process.conformance.ConformanceFixtures.Probe;
import dev.genserver.process.conformance.ConformanceFixtures.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("contract §4 Handler results and timeouts")
class S4HandlerResultsTest extends ConformanceTest {

    /** The kinds of handler, and how to make each of them run a {@link Step}. */
    enum Kind {
        CALL, CAST, INFO, CONTINUE;

        /** The journal entry of this kind of handler running a message tagged {@code tag}. */
        String event(String tag) {
            return switch (this) {
                case CALL -> "call:" + tag;
                case CAST -> "cast:" + tag;
                case INFO -> "info:" + tag;
                case CONTINUE -> "continue:" + tag;
            };
        }

        /**
         * Makes a handler of this kind run {@code step}; for a call, returns the caller's future. A CONTINUE
         * is reached through a cast whose handler returns {@code noReply(state).thenContinue(step)}.
         */
        CompletableFuture<Object> deliver(ServerRef ref, String tag, Step step) {
            Do message = new Do(tag, step);
            switch (this) {
                case CALL -> {
                    return ref.callAsync(message, AWAIT);
                }
                case CAST -> ref.cast(message);
                case INFO -> ref.send(message);
                case CONTINUE -> ref.cast(new Do("trigger-" + tag,
                        (from, s) -> Result.<Object>noReply(s).thenContinue(message)));
            }
            return null;
        }

        /** The plain result of this kind of handler: a reply for a call, no reply otherwise. */
        Result<Object> plain(Object newState) {
            return this == CALL ? Result.<Object>reply("ok", newState) : Result.<Object>noReply(newState);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §4 every handler may: reply / not reply (calls), update state, stop(reason) with or without "
            + "reply, set an inactivity timeout, hibernate, or continue(arg)")
    class WhatEveryHandlerMayDo {

        @ParameterizedTest(name = "{0} handler")
        @EnumSource(Kind.class)
        @DisplayName("update the state")
        void updateState(Kind kind) throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            kind.deliver(ref, "update", (from, s) -> kind.plain("updated-by-" + kind));
            assertThat(ref.<Object>call(new Get())).isEqualTo("updated-by-" + kind);
        }

        @ParameterizedTest(name = "{0} handler")
        @EnumSource(Kind.class)
        @DisplayName("stop(reason): terminate gets the reason and the returned state, then the server exits with "
                + "that reason")
        void stop(Kind kind) throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            CompletableFuture<ExitReason> exit = ref.onExit();
            ExitReason reason = ExitReason.error("stopped by " + kind);

            CompletableFuture<Object> caller = kind.deliver(ref, "stop", (from, s) -> Result.stop(reason, "last"));

            assertThat(get(exit)).isEqualTo(reason);
            assertThat(get(probe.terminateReason)).isEqualTo(reason);
            assertThat(get(probe.terminateState)).isEqualTo("last");
            eventually().until(() -> !ref.isAlive());
            if (caller != null) {
                assertThat(failureOf(caller)).as("a call stopped without a reply")
                        .isInstanceOf(ServerStoppedException.class);
            }
        }

        @Test
        @DisplayName("a call handler may stop with a reply: the caller gets the reply, terminate the state")
        void stopWithReply() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            CompletableFuture<ExitReason> exit = ref.onExit();
            Object reply = ref.call(new Do("stop", (from, s) -> Result.stop(ExitReason.NORMAL, "farewell", "last")));
            assertThat(reply).isEqualTo("farewell");
            assertThat(get(probe.terminateState)).isEqualTo("last");
            assertThat(get(exit)).isEqualTo(ExitReason.NORMAL);
        }

        @Test
        @DisplayName("a call handler may not reply: the caller waits until the handle is answered")
        void callMayNotReply() throws Exception {
            ServerRef ref = start(new Probe());
            AtomicReference<ReplyTo> held = new AtomicReference<>();
            CompletableFuture<Object> caller = ref.callAsync(new Do("later", (from, s) -> {
                held.set(from);
                return Result.<Object>noReply(s);
            }), AWAIT);
            assertStillPending(caller, Duration.ofMillis(150));
            held.get().reply("answered");
            assertThat(get(caller)).isEqualTo("answered");
        }

        @ParameterizedTest(name = "{0} handler")
        @EnumSource(Kind.class)
        @DisplayName("set an inactivity timeout: InactivityTimeout reaches handleInfo")
        void inactivityTimeout(Kind kind) {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            kind.deliver(ref, "arm", (from, s) -> kind.plain(s).withTimeout(Duration.ofMillis(50)));
            probe.awaitEvent("info:timeout");
            assertThat(probe.events()).containsSubsequence(kind.event("arm"), "info:timeout");
            assertThat(probe.infoMessages).contains(InactivityTimeout.INSTANCE);
        }

        @ParameterizedTest(name = "{0} handler")
        @EnumSource(Kind.class)
        @DisplayName("hibernate: the server reports hibernating and still answers with its state")
        void hibernate(Kind kind) {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            kind.deliver(ref, "hibernate", (from, s) -> kind.plain("dormant").hibernate());
            eventually().until(() -> ref.info().hibernating());
            assertThat(ref.<Object>call(new Get())).isEqualTo("dormant");
        }

        @ParameterizedTest(name = "{0} handler")
        @EnumSource(Kind.class)
        @DisplayName("continue(arg): handleContinue runs with arg and the handler's new state")
        void continueWithArgument(Kind kind) {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            kind.deliver(ref, "go-on", (from, s) -> kind.plain("handed-over").thenContinue(
                    new Do("next", (f2, s2) -> Result.<Object>noReply(s2 + "+continued"))));
            assertThat(ref.<Object>call(new Get())).isEqualTo("handed-over+continued");
            assertThat(probe.events()).containsSubsequence(kind.event("go-on"), "continue:next", "call:get");
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §4.1 inactivity timeout: fires 'timeout' into the info handler only after that long with no "
            + "message at all; any message clears it; zero may be pre-empted by queued mail")
    class InactivityTimeouts {

        @Test
        @DisplayName("fires InactivityTimeout into handleInfo no sooner than the timeout after the handler returned, "
                + "and only once")
        void firesAfterTheTimeoutOnce() {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            AtomicLong returnedAt = new AtomicLong();
            ref.cast(new Do("arm", (from, s) -> {
                returnedAt.set(System.nanoTime());
                return Result.<Object>noReply(s).withTimeout(Duration.ofMillis(300));
            }));
            probe.awaitEvent("info:timeout");

            Duration waited = Duration.ofNanos(probe.first("info:timeout").nanos() - returnedAt.get());
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(probe.infoMessages).containsExactly(InactivityTimeout.INSTANCE);

            // Not periodic: it does not fire again unless a handler asks again.
            letTimePass(Duration.ofMillis(700));
            assertThat(probe.events()).containsExactly("init", "cast:arm", "info:timeout");
        }

        @Test
        @DisplayName("a message of any kind (call, cast or info) arriving before it fires clears it: it never fires")
        void anyMessageClearsIt() {
            Duration timeout = Duration.ofSeconds(1);
            List<Kind> kinds = List.of(Kind.CALL, Kind.CAST, Kind.INFO);
            Map<Kind, Probe> probes = new EnumMap<>(Kind.class);
            Map<Kind, AtomicLong> armedAt = new EnumMap<>(Kind.class);
            for (Kind kind : kinds) {
                Probe probe = new Probe();
                AtomicLong armed = new AtomicLong();
                ServerRef ref = start(probe);
                ref.cast(new Do("arm", (from, s) -> {
                    armed.set(System.nanoTime());
                    return Result.<Object>noReply(s).withTimeout(timeout);
                }));
                probe.awaitEvent("cast:arm");
                kind.deliver(ref, "clear", (from, s) -> kind.plain(s));
                probes.put(kind, probe);
                armedAt.put(kind, armed);
            }
            for (Kind kind : kinds) {
                Probe probe = probes.get(kind);
                probe.awaitEvent(kind.event("clear"));
                assumeThat(Duration.ofNanos(probe.first(kind.event("clear")).nanos() - armedAt.get(kind).get()))
                        .as("the clearing %s arrived before the timeout (machine not too slow)", kind)
                        .isLessThan(timeout.minusMillis(100));
            }

            // Let every original timeout pass, with margin, on purpose.
            long lastArmed = armedAt.values().stream().mapToLong(AtomicLong::get).max().orElseThrow();
            letTimePass(Duration.ofNanos(lastArmed + timeout.plusMillis(300).toNanos() - System.nanoTime()));
            for (Kind kind : kinds) {
                assertThat(probes.get(kind).events()).as("cleared by a %s", kind).doesNotContain("info:timeout");
            }
        }

        @Test
        @DisplayName("fires only after that long with NO message: a steady trickle of messages (each re-arming) "
                + "keeps it from firing until the trickle stops")
        void onlyAfterSilence() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            Duration timeout = Duration.ofMillis(300);
            Step rearm = (from, s) -> Result.<Object>noReply(s).withTimeout(timeout);
            for (int i = 0; i < 5; i++) {
                ref.cast(new Do("tick-" + i, rearm));
                if (i < 4) {
                    letTimePass(Duration.ofMillis(100)); // pacing the messages on purpose, well inside the timeout
                }
            }
            probe.awaitEvent("info:timeout");
            List<JournalEntry> ticks = probe.journal.stream().filter(e -> e.what().startsWith("cast:tick-")).toList();
            for (int i = 1; i < ticks.size(); i++) {
                assumeThat(Duration.ofNanos(ticks.get(i).nanos() - ticks.get(i - 1).nanos()))
                        .as("gap between ticks stayed under the timeout (machine not too slow)")
                        .isLessThan(timeout.minusMillis(50));
            }

            List<String> events = probe.events();
            assertThat(events.indexOf("info:timeout")).as("timeout only after the last tick")
                    .isGreaterThan(events.indexOf("cast:tick-4"));
            assertThat(events.stream().filter("info:timeout"::equals)).hasSize(1);
            Duration afterLast = Duration.ofNanos(probe.first("info:timeout").nanos() - ticks.getLast().nanos());
            assertThat(afterLast).isGreaterThanOrEqualTo(timeout);
        }

        @Test
        @DisplayName("zero with an empty mailbox fires at once")
        void zeroFiresAtOnce() {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ref.cast(new Do("zero", (from, s) -> Result.<Object>noReply(s).withTimeout(Duration.ZERO)));
            probe.awaitEvent("info:timeout");
            assertThat(probe.events()).containsExactly("init", "cast:zero", "info:timeout");
        }

        @Test
        @DisplayName("zero with mail already queued: the queued message is handled first and the timeout does not "
                + "fire")
        void zeroPreemptedByQueuedMail() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            Gate entered = gate();
            Gate release = gate();
            ref.cast(new Do("zero", (from, s) -> {
                entered.open();
                release.pass();
                return Result.<Object>noReply(s).withTimeout(Duration.ZERO);
            }));
            entered.awaitOpen();
            ref.cast(new Note("queued"));
            release.open();
            ref.call(new Get());

            assertThat(probe.events()).containsExactly("init", "cast:zero", "cast:queued", "call:get");
        }

        @Test
        @DisplayName("a positive timeout with mail already queued: the mail is handled and clears it")
        void positivePreemptedByQueuedMail() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            Gate entered = gate();
            Gate release = gate();
            ref.cast(new Do("arm", (from, s) -> {
                entered.open();
                release.pass();
                return Result.<Object>noReply(s).withTimeout(Duration.ofMillis(100));
            }));
            entered.awaitOpen();
            ref.cast(new Note("queued"));
            release.open();
            probe.awaitEvent("cast:queued");

            letTimePass(Duration.ofMillis(400));
            assertThat(probe.events()).containsExactly("init", "cast:arm", "cast:queued");
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §4.2 continue(arg) runs immediately after the current handler, before any queued message; "
            + "continues can chain")
    class Continues {

        @ParameterizedTest(name = "continue from a {0} handler")
        @EnumSource(value = Kind.class, names = {"CALL", "CAST", "INFO"})
        @DisplayName("continue runs before messages that were queued while the handler ran")
        void beforeQueuedMail(Kind kind) throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            Gate entered = gate();
            Gate release = gate();
            kind.deliver(ref, "work", (from, s) -> {
                entered.open();
                release.pass();
                return kind.plain(s).thenContinue(new Note("follow-up"));
            });
            entered.awaitOpen();
            ref.cast(new Note("queued-cast"));
            ref.send(new Note("queued-info"));
            CompletableFuture<Object> queuedCall = ref.callAsync(new Echo("queued-call"), AWAIT);
            release.open();

            assertThat(get(queuedCall)).isEqualTo("queued-call");
            assertThat(probe.events()).containsExactly("init", kind.event("work"), "continue:follow-up",
                    "cast:queued-cast", "info:queued-info", "call:echo");
        }

        @Test
        @DisplayName("continues chain: each runs before queued mail, with the state the previous one returned")
        void continuesChain() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            Gate entered = gate();
            Gate release = gate();
            Do third = new Do("c3", (from, s) -> Result.<Object>noReply(s + ">c3"));
            Do second = new Do("c2", (from, s) -> Result.<Object>noReply(s + ">c2").thenContinue(third));
            Do first = new Do("c1", (from, s) -> Result.<Object>noReply(s + ">c1").thenContinue(second));
            ref.cast(new Do("start", (from, s) -> {
                entered.open();
                release.pass();
                return Result.<Object>noReply("s").thenContinue(first);
            }));
            entered.awaitOpen();
            ref.cast(new Note("queued"));
            release.open();

            assertThat(ref.<Object>call(new Get())).isEqualTo("s>c1>c2>c3");
            assertThat(probe.events()).containsExactly("init", "cast:start", "continue:c1", "continue:c2",
                    "continue:c3", "cast:queued", "call:get");
        }

        @Test
        @DisplayName("a continue may end the chain with an inactivity timeout, hibernation or a stop")
        void continueEndsWithAnEffect() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ref.cast(new Do("start", (from, s) -> Result.<Object>noReply(s).thenContinue(
                    new Do("then-timeout",
                            (f2, s2) -> Result.<Object>noReply(s2).withTimeout(Duration.ofMillis(30))))));
            probe.awaitEvent("info:timeout");

            ref.cast(new Do("start2", (from, s) -> Result.<Object>noReply(s).thenContinue(
                    new Do("then-hibernate", (f2, s2) -> Result.<Object>noReply(s2).hibernate()))));
            eventually().until(() -> ref.info().hibernating());

            CompletableFuture<ExitReason> exit = ref.onExit();
            ref.cast(new Do("start3", (from, s) -> Result.<Object>noReply("before-stop").thenContinue(
                    new Do("then-stop", (f2, s2) -> Result.stop(ExitReason.shutdown("done"), s2 + "!")))));
            assertThat(get(exit)).isEqualTo(ExitReason.shutdown("done"));
            assertThat(get(probe.terminateState)).isEqualTo("before-stop!");
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §4.3 hibernate releases what an idle server holds (its thread, buffers) until the next message; "
            + "the server must still answer afterwards")
    class Hibernate {

        @Test
        @DisplayName("info().hibernating() is true while hibernating; the next message is handled with the state "
                + "intact, after which it is false")
        void hibernatingFlag() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ref.cast(new Do("sleep", (from, s) -> Result.<Object>noReply("kept").hibernate()));
            eventually().until(() -> ref.info().hibernating());

            assertThat(ref.<Object>call(new Get())).isEqualTo("kept");
            assertThat(ref.info().hibernating()).isFalse();
            assertThat(ref.isAlive()).isTrue();
        }

        @Test
        @DisplayName("a hibernating server holds no thread: the thread that ran the handler ends, and a later "
                + "message is handled all the same")
        void hibernationReleasesTheThread() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            AtomicReference<Thread> handlerThread = new AtomicReference<>();
            ref.cast(new Do("sleep", (from, s) -> {
                handlerThread.set(Thread.currentThread());
                return Result.<Object>noReply("kept").hibernate();
            }));
            eventually().until(() -> ref.info().hibernating());
            eventually().alias("the hibernating server's thread has ended")
                    .until(() -> handlerThread.get().getState() == Thread.State.TERMINATED);

            assertThat(ref.<Object>call(new Get())).isEqualTo("kept");
        }

        @Test
        @DisplayName("hibernating after every message does not lose messages or state")
        void hibernateRepeatedly() throws Exception {
            ServerRef ref = start(new Probe());
            for (int i = 0; i < 200; i++) {
                ref.cast(new Do("inc", (from, s) -> Result.<Object>noReply((Integer) s + 1).hibernate()));
            }
            assertThat(ref.<Object>call(new Get())).isEqualTo(200);
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** An Error that is not an Exception. */
    static final class Oops extends Error {
        Oops(String message) {
            super(message);
        }
    }

    @Nested
    @DisplayName("contract §4.4 an exception in any handler crashes the server with that exception as reason; terminate "
            + "receives the last good state")
    class Crashes {

        @ParameterizedTest(name = "{0} handler throws")
        @EnumSource(Kind.class)
        @DisplayName("the server exits with crash(that exception); terminate gets the same reason and the last good "
                + "state")
        void handlerThrows(Kind kind) throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ref.cast(new Do("good", (from, s) -> Result.<Object>noReply("last-good")));
            CompletableFuture<ExitReason> exit = ref.onExit();
            IllegalStateException boom = new IllegalStateException("boom in " + kind);

            CompletableFuture<Object> caller = kind.deliver(ref, "bad", (from, s) -> {
                throw boom;
            });

            assertThat(get(exit)).isInstanceOfSatisfying(ExitReason.Crash.class,
                    crash -> assertThat(crash.cause()).isSameAs(boom));
            assertThat(get(probe.terminateReason)).isInstanceOfSatisfying(ExitReason.Crash.class,
                    crash -> assertThat(crash.cause()).isSameAs(boom));
            assertThat(get(probe.terminateState)).isEqualTo("last-good");
            eventually().until(() -> !ref.isAlive());
            assertThat(ref.info().lastCrash()).isNotNull();
            assertThat(ref.info().lastCrash().exceptionType()).isEqualTo(IllegalStateException.class.getName());
            if (caller != null) {
                assertThat(failureOf(caller)).isInstanceOf(CallFailedException.class).hasCause(boom);
            }
        }

        @Test
        @DisplayName("a continue that throws: terminate gets the state returned by the handler that asked for it")
        void continueThrowsAfterStateChange() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ref.cast(new Do("trigger", (from, s) -> Result.<Object>noReply("set-before-continue").thenContinue(
                    new Do("bad", (f2, s2) -> {
                        throw new IllegalStateException("continue failed");
                    }))));
            assertThat(get(probe.terminateState)).isEqualTo("set-before-continue");
        }

        @Test
        @DisplayName("a handler that throws after computing a new state: terminate gets the state from before")
        void throwAfterComputingState() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ref.cast(new Do("good", (from, s) -> Result.<Object>noReply(List.of("a"))));
            ref.cast(new Do("bad", (from, s) -> {
                Object next = List.of("a", "b");
                if (next != null) {
                    throw new IllegalStateException("failed after computing " + next);
                }
                return Result.<Object>noReply(next);
            }));
            assertThat(get(probe.terminateState)).isEqualTo(List.of("a"));
        }

        @Test
        @DisplayName("handleInfo throwing on InactivityTimeout crashes the server too")
        void timeoutHandlerThrows() throws Exception {
            Probe probe = new Probe();
            IllegalStateException boom = new IllegalStateException("timeout handler failed");
            probe.onInactivity = (from, s) -> {
                throw boom;
            };
            ServerRef ref = start(probe);
            CompletableFuture<ExitReason> exit = ref.onExit();
            ref.cast(new Do("arm", (from, s) -> Result.<Object>noReply("armed").withTimeout(Duration.ofMillis(20))));
            assertThat(get(exit)).isInstanceOfSatisfying(ExitReason.Crash.class,
                    crash -> assertThat(crash.cause()).isSameAs(boom));
            assertThat(get(probe.terminateState)).isEqualTo("armed");
        }

        @Test
        @DisplayName("an Error (not an Exception) crashes the server the same way")
        void errorCrashes() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            CompletableFuture<ExitReason> exit = ref.onExit();
            Oops oops = new Oops("invariant broken");
            ref.cast(new Do("bad", (from, s) -> {
                throw oops;
            }));
            assertThat(get(exit)).isInstanceOfSatisfying(ExitReason.Crash.class,
                    crash -> assertThat(crash.cause()).isSameAs(oops));
            assertThat(get(probe.terminateReason)).isInstanceOf(ExitReason.Crash.class);
        }

        @Test
        @DisplayName("a checked exception (thrown sneakily) crashes the server with it as the reason")
        void checkedExceptionCrashes() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            CompletableFuture<ExitReason> exit = ref.onExit();
            IOException io = new IOException("disk");
            ref.send(new Do("bad", (from, s) -> {
                throw io;
            }));
            assertThat(get(exit)).isInstanceOfSatisfying(ExitReason.Crash.class,
                    crash -> assertThat(crash.cause()).isSameAs(io));
        }
    }
}
