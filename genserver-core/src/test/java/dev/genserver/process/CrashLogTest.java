package dev.genserver.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Crash reports in the log: no state unless configured; a crash loop is summarised")
class CrashLogTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    record Deposit(int amount) {}

    record Crash() {}

    /** Holds a balance; its redaction hook masks it. */
    static final class Account implements GenServer<Integer> {
        @Override
        public Init<Integer> init(ServerContext ctx) {
            return Init.ok(987654321);
        }

        @Override
        public Result<Integer> handleCast(Object message, Integer balance) {
            return switch (message) {
                case Deposit d -> Result.noReply(balance + d.amount());
                case Crash c -> throw new IllegalStateException("boom");
                default -> Result.unhandled(balance);
            };
        }

        @Override
        public Object formatStatus(Integer balance) {
            return "balance=***";
        }
    }

    /** A ticker the test moves by hand. */
    static final class ManualTicker implements Ticker {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    /** Captures what the runtime's process logger writes (ERROR and WARN). */
    static final class Captured extends AppenderBase<ILoggingEvent> {
        final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }

        List<String> errors() {
            return events.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    private final Captured captured = new Captured();
    private Logger logger;
    private Level savedLevel;
    private boolean savedAdditive;
    private ProcessRuntime rt;

    @BeforeEach
    void capture() {
        logger = (Logger) LoggerFactory.getLogger("dev.genserver.process");
        savedLevel = logger.getLevel();
        savedAdditive = logger.isAdditive();
        captured.setContext(logger.getLoggerContext());
        captured.start();
        logger.addAppender(captured);
        logger.setAdditive(false);
        logger.setLevel(Level.WARN);
    }

    @AfterEach
    void restore() {
        if (rt != null) {
            rt.close();
        }
        logger.detachAppender(captured);
        logger.setLevel(savedLevel);
        logger.setAdditive(savedAdditive);
        captured.stop();
    }

    @Test
    @DisplayName("by default a crash report names the server, the reason and the last message, and shows no state")
    void noStateByDefault() {
        rt = ProcessRuntime.create();
        ServerRef ref = rt.start(Account::new, StartOptions.named("account")).ref();
        ref.cast(new Crash());
        await().until(() -> !captured.errors().isEmpty());

        assertThat(captured.errors()).singleElement().satisfies(line -> assertThat(line)
                .contains("server account").contains("exited").contains("boom").contains(Crash.class.getName())
                .doesNotContain("state").doesNotContain("987654321").doesNotContain("balance"));
    }

    @Test
    @DisplayName("when enabled, the crash report shows the state through the redaction hook")
    void redactedStateWhenEnabled() {
        rt = ProcessRuntime.builder().showStateInCrashLogs(true).build();
        ServerRef ref = rt.start(Account::new, StartOptions.named("account")).ref();
        ref.cast(new Crash());
        await().until(() -> !captured.errors().isEmpty());

        assertThat(captured.errors()).singleElement().satisfies(line -> assertThat(line)
                .contains("server account").contains("state balance=***").doesNotContain("987654321"));
    }

    @Test
    @DisplayName("a crash loop logs 3 full reports per 10 s, then one summary line per interval with the count;"
            + " listeners and inspection see every crash")
    void crashLoopSummarised() {
        ManualTicker ticker = new ManualTicker();
        rt = ProcessRuntime.builder().ticker(ticker).build();
        AtomicInteger exits = new AtomicInteger();
        rt.addListener(new ProcessListener() {
            @Override
            public void exited(ServerRef server, ExitReason reason) {
                exits.incrementAndGet();
            }
        });
        ServerRef ref = rt.start(Account::new, SupervisionForTests.restartable(StartOptions.named("looper"))).ref();

        crashAndRestart(ref, 10);
        await().until(() -> exits.get() == 10);
        assertThat(captured.errors()).hasSize(3).allSatisfy(line -> assertThat(line).contains("server looper (").contains(") exited: crash"));
        assertThat(captured.errors().get(2)).contains("further crash reports of this server within 10 s are counted");
        assertThat(ref.info().restarts()).isEqualTo(10);

        ticker.advance(TEN_SECONDS);
        crashAndRestart(ref, 1);
        assertThat(captured.errors()).hasSize(4);
        assertThat(captured.errors().get(3)).contains("server looper").contains("crashed 7 more times within 10 s")
                .contains("boom").contains(Crash.class.getName());

        ticker.advance(TEN_SECONDS);
        crashAndRestart(ref, 1);
        assertThat(captured.errors()).hasSize(5);
        assertThat(captured.errors().get(4)).contains("crashed 1 more time within 10 s");

        ticker.advance(Duration.ofSeconds(30));
        crashAndRestart(ref, 1);
        assertThat(captured.errors()).hasSize(7);
        assertThat(captured.errors().get(5)).contains("crashed 1 more time within 10 s");
        assertThat(captured.errors().get(6)).as("after a quiet interval, full reports again")
                .contains("server looper (").contains(") exited: crash");
        await().until(() -> exits.get() == 13);
        assertThat(ref.info().lastCrash()).isNotNull();
    }

    @Test
    @DisplayName("a burst of crashes then quiet: the count is logged when the interval ends, without another crash")
    void countLoggedAtTheEndOfTheInterval() {
        rt = ProcessRuntime.builder().crashLogLimit(1, Duration.ofSeconds(2)).build();
        ServerRef ref = rt.start(Account::new, SupervisionForTests.restartable(StartOptions.named("burst"))).ref();
        crashAndRestart(ref, 3);
        assertThat(captured.errors()).hasSize(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> captured.errors().size() == 2);
        assertThat(captured.errors().get(1)).contains("server burst").contains("crashed 2 more times within 2 s");
        assertThat(ref.info().status()).isEqualTo(ServerStatus.RUNNING);
    }

    @Test
    @DisplayName("the count still unlogged when the server ends for good is logged then")
    void countLoggedWhenServerEnds() {
        rt = ProcessRuntime.builder().ticker(new ManualTicker()).crashLogLimit(1, TEN_SECONDS).build();
        ServerRef ref = rt.start(Account::new, SupervisionForTests.restartable(StartOptions.named("quitter"))).ref();
        crashAndRestart(ref, 3);
        assertThat(captured.errors()).hasSize(1);
        ref.cast(new Crash());
        await().until(() -> ref.info().status() == ServerStatus.RESTARTING);

        SupervisionForTests.discard(rt, ref, ExitReason.SHUTDOWN);

        assertThat(captured.errors()).hasSize(2);
        assertThat(captured.errors().get(1)).contains("server quitter").contains("crashed 3 more times");
    }

    @Test
    @DisplayName("the limit is checked when configured, naming the value")
    void limitValidated() {
        assertThatThrownBy(() -> ProcessRuntime.builder().crashLogLimit(0, TEN_SECONDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0");
        assertThatThrownBy(() -> ProcessRuntime.builder().crashLogLimit(3, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }

    /** Crashes a restartable server {@code times} times, restarting it after each crash. */
    private void crashAndRestart(ServerRef ref, int times) {
        for (int i = 0; i < times; i++) {
            ref.cast(new Crash());
            await().until(() -> ref.info().status() == ServerStatus.RESTARTING);
            SupervisionForTests.restart(rt, ref);
        }
    }
}
