package dev.genserver.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.genserver.supervisor.TestKit.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.supervisor.TestKit.Crash;
import dev.genserver.supervisor.TestKit.Family;
import dev.genserver.supervisor.TestKit.ManualTicker;
import dev.genserver.supervisor.TestKit.Ping;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** contract §9 beyond OTP: restart backoff, exponential, with jitter, reset after a quiet period. */
@Timeout(60)
class BackoffTest {

    private final ManualTicker ticker = new ManualTicker();
    private final ProcessRuntime runtime = ProcessRuntime.builder().ticker(ticker).build();
    private final Family family = new Family();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void delaysGrowExponentiallyUpToTheMaximum() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0);
        Random random = new Random(1);

        assertThat(backoff.delay(0, random)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(1, random)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(2, random)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(3, random)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delay(4, random)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1000, random)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.withMultiplier(3).delay(2, random)).isEqualTo(Duration.ofMillis(900));
        assertThat(Backoff.NONE.delay(5, random)).isZero();
        assertThat(Backoff.NONE.isNone()).isTrue();
    }

    @Test
    void jitterSpreadsDelaysWithinItsFraction() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(1000), Duration.ofSeconds(10)).withJitter(0.2);
        Random random = new Random(7);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long d = backoff.delay(0, random).toMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isBetween(800L, 850L);
        assertThat(max).isBetween(1150L, 1200L);
    }

    @Test
    void invalidBackoffsAreRejected() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(2)).withJitter(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(2)).withMultiplier(0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Crashes "w" and returns how long its restart took, from the crash to its next init. */
    private long crashAndMeasureMillis(int instance) {
        ServerRef w = TestKit.awaitInstance(runtime, family, "w", instance);
        long crashedAt = System.nanoTime();
        assertThatThrownBy(() -> w.call(new Crash("dependency down"))).isInstanceOf(CallFailedException.class);
        TestKit.awaitInstance(runtime, family, "w", instance + 1);
        return (family.behaviour("w").initTimes.get(instance) - crashedAt) / 1_000_000;
    }

    @Test
    void consecutiveRestartsWaitLongerAndLonger() {
        Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("w"))
                .withIntensity(10, Duration.ofMinutes(1))
                .withBackoff(Backoff.exponential(Duration.ofMillis(150), Duration.ofSeconds(5)).withJitter(0)
                        .withResetAfter(Duration.ofMinutes(1))));

        assertThat(crashAndMeasureMillis(1)).isGreaterThanOrEqualTo(150);
        assertThat(crashAndMeasureMillis(2)).isGreaterThanOrEqualTo(300);
        assertThat(crashAndMeasureMillis(3)).isGreaterThanOrEqualTo(600);
    }

    @Test
    void aQuietPeriodResetsTheDelay() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("w"))
                .withIntensity(10, Duration.ofMinutes(1))
                .withBackoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(20)).withJitter(0)
                        .withMultiplier(100).withResetAfter(Duration.ofMinutes(1))));

        assertThat(crashAndMeasureMillis(1)).isGreaterThanOrEqualTo(100);
        sup.countChildren(); // handled after the restart: the supervisor has noted when w started running
        ticker.advance(Duration.ofMinutes(1)); // the restarted child runs quietly for resetAfter
        // Without the reset this restart would wait 100 × 100 ms = 10 s.
        assertThat(crashAndMeasureMillis(2)).isBetween(100L, 5_000L);
    }

    @Test
    void aCrashDuringTheDelayOfALaterSiblingKeepsTheStartOrder() {
        // b's second restart waits 100 × 200 ms = 20 s, a's first 200 ms: a crashes well within b's delay.
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.restForOne(
                        family.worker("a"), family.worker("b"), family.worker("c"))
                .withIntensity(10, Duration.ofMinutes(1))
                .withBackoff(Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(30)).withJitter(0)
                        .withMultiplier(100)));
        ServerRef a = runtime.whereis("a").orElseThrow();
        ServerRef b = runtime.whereis("b").orElseThrow();
        assertThatThrownBy(() -> b.call(new Crash("b once"))).isInstanceOf(CallFailedException.class);
        await().until(() -> family.inits("b") == 2 && sup.countChildren().active() == 3);
        assertThatThrownBy(() -> b.call(new Crash("b again"))).isInstanceOf(CallFailedException.class);
        await().until(() -> TestKit.info(sup, "c").orElseThrow().status() == ChildStatus.RESTARTING);
        int mark = family.events.size();

        // While b waits out its delay, a (which b depends on) crashes: a, b, c must start in that order.
        assertThatThrownBy(() -> a.call(new Crash("then a"))).isInstanceOf(CallFailedException.class);

        await().until(() -> sup.countChildren().active() == 3);
        assertThat(family.events.since(mark)).containsExactly("terminate:a:crash", "init:a", "init:b", "init:c");
    }

    @Test
    void messagesSentDuringTheDelayAreHandledByTheRestartedChild() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("w"))
                .withBackoff(Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(1)).withJitter(0)));
        ServerRef w = runtime.whereis("w").orElseThrow();
        assertThatThrownBy(() -> w.call(new Crash("x"))).isInstanceOf(CallFailedException.class);
        await().until(() -> TestKit.info(sup, "w").orElseThrow().status() == ChildStatus.RESTARTING);

        CompletableFuture<Object> reply = w.callAsync(new Ping(), Duration.ofSeconds(20));

        assertThat(reply.join()).isEqualTo("pong:w#2");
    }
}
