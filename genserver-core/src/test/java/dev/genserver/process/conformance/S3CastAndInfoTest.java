package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.get;
import static dev.genserver.process.conformance.ConformanceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.genserver.process.DeadLetter;
import dev.genserver.process.Down;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ExitSignal;
import dev.genserver.process.MonitorRef;
import dev.genserver.process.NoHandlerException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.Result;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.process.StartOptions;
import dev.genserver.process.conformance.ConformanceFixtures.Bare;
import dev.genserver.process.conformance.ConformanceFixtures.Do;
import dev.genserver.process.conformance.ConformanceFixtures.Get;
import dev.genserver.process.conformance.ConformanceFixtures.Note;
import dev.genserver.process.conformance.ConformanceFixtures.Probe;
import dev.genserver.process.conformance.ConformanceFixtures.Unknown;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("contract §3 Cast and info")
class S3CastAndInfoTest extends ConformanceTest {

    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listenForDeadLetters() {
        rt.onDeadLetter(letters::add);
    }

    /** How a server came to be dead. */
    enum Death {
        STOPPED, CRASHED, KILLED, STOPPED_ITSELF
    }

    /** Starts a server named {@code name} and makes it dead in the given way. */
    private ServerRef deadServer(Death death, String name) throws Exception {
        ServerRef ref = start(new Probe(), name);
        CompletableFuture<ExitReason> exit = ref.onExit();
        switch (death) {
            case STOPPED -> ref.stop();
            case CRASHED -> ref.cast(new Do("crash", (from, s) -> {
                throw new IllegalStateException("crash on purpose");
            }));
            case KILLED -> rt.exit(ref, ExitReason.KILL);
            case STOPPED_ITSELF -> ref.cast(new Do("quit", (from, s) -> Result.stop(ExitReason.NORMAL, s)));
        }
        get(exit);
        eventually().until(() -> !ref.isAlive());
        return ref;
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §3.1 cast never throws for a missing or dead server; the message becomes a dead letter "
            + "(counted, visible in inspection, logged at debug)")
    class CastToDeadServer {

        @ParameterizedTest(name = "server {0}")
        @EnumSource(Death.class)
        @DisplayName("cast to a dead server does not throw, and the runtime counts and reports a dead letter")
        void castToDeadServerIsADeadLetter(Death death) throws Exception {
            ServerRef ref = deadServer(death, "departed");
            long before = rt.deadLetters();
            letters.clear();
            Note message = new Note("too late");

            assertThatCode(() -> ref.cast(message)).doesNotThrowAnyException();

            assertThat(rt.deadLetters()).isEqualTo(before + 1);
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.message()).isSameAs(message);
                assertThat(letter.server().id()).isEqualTo(ref.id());
                assertThat(letter.reason()).isNotBlank();
            });
        }

        @ParameterizedTest(name = "server {0}")
        @EnumSource(Death.class)
        @DisplayName("the dead letters (a cast and a send) are visible in the server's own inspection data "
                + "(info().deadLetters())")
        void castToDeadServerVisibleInInspection(Death death) throws Exception {
            ServerRef ref = deadServer(death, "departed");
            long before = ref.info().deadLetters();

            ref.cast(new Note("too late"));
            ref.send(new Note("even later"));

            assertThat(ref.info().deadLetters()).as("dead letters of a cast and a send to the dead server")
                    .isEqualTo(before + 2);
        }

        @Test
        @DisplayName("send (a plain info message) to a dead server does not throw either, and is a dead letter")
        void sendToDeadServer() throws Exception {
            ServerRef ref = deadServer(Death.STOPPED, "departed");
            long before = rt.deadLetters();
            Note message = new Note("hello?");

            assertThatCode(() -> ref.send(message)).doesNotThrowAnyException();
            assertThat(rt.deadLetters()).isEqualTo(before + 1);
            assertThat(letters).extracting(DeadLetter::message).contains(message);
        }

        @Test
        @DisplayName("cast to a server whose runtime has been closed does not throw and is a dead letter")
        void castAfterRuntimeClosed() throws Exception {
            ProcessRuntime other = ProcessRuntime.create();
            List<DeadLetter> otherLetters = new CopyOnWriteArrayList<>();
            other.onDeadLetter(otherLetters::add);
            ServerRef ref = other.start(new Probe().factory()).ref();
            other.close();

            assertThatCode(() -> ref.cast(new Note("anyone?"))).doesNotThrowAnyException();
            assertThat(other.deadLetters()).isGreaterThanOrEqualTo(1);
            assertThat(otherLetters).extracting(DeadLetter::message).contains(new Note("anyone?"));
        }

        @Test
        @DisplayName("a server that never started (its init failed) is missing: cast to it does not throw and is "
                + "a dead letter")
        void castToNeverStartedServer() throws Exception {
            Probe probe = new Probe();
            assertThatThrownBy(() -> rt.start(probe.factory(ctx -> {
                throw new IllegalStateException("no");
            }))).isNotNull();
            ServerRef missing = get(probe.context).self();
            long before = rt.deadLetters();

            assertThatCode(() -> missing.cast(new Note("hello?"))).doesNotThrowAnyException();
            assertThat(rt.deadLetters()).isEqualTo(before + 1);
        }

        @Test
        @DisplayName("the dead letter is logged at debug level with the server and message type")
        void deadLetterLoggedAtDebug() throws Exception {
            ServerRef ref = deadServer(Death.STOPPED, "departed");
            try (LogCapture logs = LogCapture.captureDebug()) {
                ref.cast(new Note("logged"));
                logs.awaitLogged(Level.DEBUG, "departed");
                assertThat(logs.events()).anySatisfy(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
                    assertThat(e.getFormattedMessage()).contains("departed").contains("Note");
                });
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §3.2 info (plain send, timers, monitor 'down', exit signals while trapping) goes to the info "
            + "handler")
    class InfoRouting {

        @Test
        @DisplayName("send: handleInfo, not handleCast")
        void plainSend() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ref.send(new Note("plain"));
            ref.call(new Get());
            assertThat(probe.events()).containsExactly("init", "info:plain", "call:get");
        }

        @Test
        @DisplayName("a timer set by the server itself (ServerContext.sendAfter): handleInfo")
        void ownTimer() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ref.cast(new Do("arm", (from, s) -> {
                get(probe.context).sendAfter(new Note("tick"), Duration.ofMillis(30));
                return Result.noReply(s);
            }));
            probe.awaitEvent("info:tick");
            assertThat(probe.events()).doesNotContain("cast:tick");
        }

        @Test
        @DisplayName("a timer set through the runtime (ProcessRuntime.sendAfter): handleInfo")
        void runtimeTimer() {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            rt.sendAfter(ref, new Note("tock"), Duration.ofMillis(30));
            probe.awaitEvent("info:tock");
            assertThat(probe.events()).doesNotContain("cast:tock");
        }

        @Test
        @DisplayName("a monitor's Down message: handleInfo, with the monitor, the server and the exit reason")
        void monitorDown() throws Exception {
            Probe watcherProbe = new Probe();
            ServerRef watcher = start(watcherProbe);
            ServerRef target = start(new Probe(), "target");
            MonitorRef monitor = watcher.call(new Do("watch",
                    (from, s) -> Result.reply(get(watcherProbe.context).monitor(target), s)));
            ExitReason reason = ExitReason.error("gone");
            target.cast(new Do("quit", (from, s) -> Result.stop(reason, s)));

            eventually().until(() -> watcherProbe.infoMessages.stream().anyMatch(m -> m instanceof Down));
            assertThat(watcherProbe.infoMessages).filteredOn(m -> m instanceof Down).singleElement()
                    .isInstanceOfSatisfying(Down.class, down -> {
                        assertThat(down.monitor()).isEqualTo(monitor);
                        assertThat(down.server().id()).isEqualTo(target.id());
                        assertThat(down.reason()).isEqualTo(reason);
                    });
            assertThat(watcherProbe.events()).noneMatch(e -> e.startsWith("cast:Down"));
        }

        @Test
        @DisplayName("an exit signal from a linked server while trapping exits: handleInfo, and the server "
                + "keeps running")
        void trappedExitSignal() throws Exception {
            Probe trapperProbe = new Probe();
            ServerRef linked = start(new Probe(), "linked");
            ServerRef trapper = rt.start(trapperProbe.factory(ctx -> {
                ctx.trapExits(true);
                ctx.link(linked);
                return ok(0);
            })).ref();
            ExitReason reason = ExitReason.error("linked one failed");
            linked.cast(new Do("quit", (from, s) -> Result.stop(reason, s)));

            eventually().until(() -> trapperProbe.infoMessages.stream().anyMatch(m -> m instanceof ExitSignal));
            assertThat(trapperProbe.infoMessages).filteredOn(m -> m instanceof ExitSignal).singleElement()
                    .isInstanceOfSatisfying(ExitSignal.class, signal -> {
                        assertThat(signal.from().id()).isEqualTo(linked.id());
                        assertThat(signal.reason()).isEqualTo(reason);
                    });
            assertThat(trapper.isAlive()).isTrue();
            assertThat(trapper.<Object>call(new Get())).isEqualTo(0);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §3.3 an info message with no handler is logged and dropped, the server continues; a cast with "
            + "no handler is a dead letter, the server continues")
    class Unhandled {

        @Test
        @DisplayName("info to a server without handleInfo: dropped, not a dead letter; the server keeps its state "
                + "and keeps running")
        void infoWithoutHandler() throws Exception {
            ServerRef ref = rt.start(Bare::new, StartOptions.named("bare")).ref();
            long before = rt.deadLetters();

            ref.send(new Unknown(1));
            assertThatThrownBy(() -> ref.call(new Unknown(2))).isInstanceOf(NoHandlerException.class);

            assertThat(ref.isAlive()).isTrue();
            assertThat(ref.info().status()).isEqualTo(ServerStatus.RUNNING);
            assertThat(ref.<Integer>getState()).isEqualTo(42);
            assertThat(ref.info().deadLetters()).as("an unhandled info message is not a dead letter").isZero();
            assertThat(rt.deadLetters()).isEqualTo(before);
            assertThat(letters).isEmpty();
        }

        @Test
        @DisplayName("info the handler declines (Result.unhandled): dropped; the server keeps its state")
        void infoDeclined() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ref.cast(new Do("set", (from, s) -> Result.noReply("kept")));
            ref.send(new Unknown(1));
            assertThat(ref.<Object>call(new Get())).isEqualTo("kept");
            assertThat(probe.events()).containsExactly("init", "cast:set", "info:Unknown", "call:get");
            assertThat(ref.info().deadLetters()).isZero();
            assertThat(probe.terminates).hasValue(0);
        }

        @Test
        @DisplayName("an unhandled info message is logged, naming the message type")
        void infoWithoutHandlerIsLogged() {
            ServerRef ref = rt.start(Bare::new, StartOptions.named("bare")).ref();
            try (LogCapture logs = LogCapture.captureDebug()) {
                ref.send(new Unknown(1));
                logs.awaitLogged("Unknown");
            }
        }

        @Test
        @DisplayName("cast to a server without handleCast: a dead letter (counted by the runtime and the server, "
                + "reported to listeners); the server keeps its state and keeps running")
        void castWithoutHandler() throws Exception {
            ServerRef ref = rt.start(Bare::new, StartOptions.named("bare")).ref();
            long before = rt.deadLetters();
            Unknown message = new Unknown(1);

            ref.cast(message);
            assertThatThrownBy(() -> ref.call(new Unknown(2))).isInstanceOf(NoHandlerException.class);

            assertThat(rt.deadLetters()).isEqualTo(before + 1);
            assertThat(ref.info().deadLetters()).isEqualTo(1);
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.message()).isSameAs(message);
                assertThat(letter.server().id()).isEqualTo(ref.id());
            });
            assertThat(ref.isAlive()).isTrue();
            assertThat(ref.<Integer>getState()).isEqualTo(42);
        }

        @Test
        @DisplayName("a cast the handler declines (Result.unhandled): a dead letter; the server keeps its state")
        void castDeclined() throws Exception {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            ref.cast(new Do("set", (from, s) -> Result.noReply("kept")));
            ref.cast(new Unknown(1));
            assertThat(ref.<Object>call(new Get())).isEqualTo("kept");
            assertThat(ref.info().deadLetters()).isEqualTo(1);
            assertThat(letters).extracting(DeadLetter::message).containsExactly(new Unknown(1));
            assertThat(probe.terminates).hasValue(0);
        }

        @Test
        @DisplayName("an unhandled cast is logged at debug as a dead letter")
        void castWithoutHandlerIsLogged() {
            ServerRef ref = rt.start(Bare::new, StartOptions.named("bare")).ref();
            try (LogCapture logs = LogCapture.captureDebug()) {
                ref.cast(new Unknown(1));
                logs.awaitLogged(Level.DEBUG, "Unknown");
            }
        }
    }
}
