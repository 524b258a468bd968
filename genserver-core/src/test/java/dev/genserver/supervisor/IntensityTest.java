package dev.genserver.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.genserver.supervisor.TestKit.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.process.StartOptions;
import dev.genserver.supervisor.TestKit.Block;
import dev.genserver.supervisor.TestKit.Crash;
import dev.genserver.supervisor.TestKit.Family;
import dev.genserver.supervisor.TestKit.InitMode;
import dev.genserver.supervisor.TestKit.ManualTicker;
import dev.genserver.supervisor.TestKit.Ping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** contract §9: restart intensity, giving up, and escalation through the tree. */
@Timeout(60)
class IntensityTest {

    private final ManualTicker ticker = new ManualTicker();
    private final ProcessRuntime runtime = ProcessRuntime.builder().ticker(ticker).build();
    private final Family family = new Family();

    @AfterEach
    void close() {
        runtime.close();
    }

    private ServerRef crash(String name, int instance) {
        ServerRef ref = TestKit.awaitInstance(runtime, family, name, instance);
        assertThatThrownBy(() -> ref.call(new Crash("test"))).isInstanceOf(CallFailedException.class);
        return ref;
    }

    @Test
    void exactlyMaxRestartsAreToleratedAndOneMoreShutsTheSupervisorDown() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("a"), family.worker("w"))
                .withIntensity(3, Duration.ofMinutes(1)));

        for (int i = 1; i <= 3; i++) {
            crash("w", i);
        }
        TestKit.awaitInstance(runtime, family, "w", 4);
        assertThat(sup.ref().isAlive()).isTrue();
        assertThat(sup.countChildren().active()).isEqualTo(2);

        CompletableFuture<ExitReason> exit = sup.ref().onExit();
        crash("w", 4);

        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(family.inits("w")).isEqualTo(4);
        assertThat(family.events.all()).endsWith("terminate:w:crash", "terminate:a:shutdown");
        assertThat(runtime.whereis("w")).isEmpty();
        assertThat(runtime.whereis("a")).isEmpty();
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void zeroRestartsMeansTheFirstExitShutsDown() {
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.oneForOne(family.worker("w")).withIntensity(0, Duration.ofMinutes(1)));
        CompletableFuture<ExitReason> exit = sup.ref().onExit();

        crash("w", 1);

        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(family.inits("w")).isEqualTo(1);
    }

    @Test
    void restartsOlderThanThePeriodNoLongerCount() {
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.oneForOne(family.worker("w")).withIntensity(1, Duration.ofMinutes(1)));

        crash("w", 1);
        TestKit.awaitInstance(runtime, family, "w", 2);
        ticker.advance(Duration.ofSeconds(61)); // the first restart leaves the window
        crash("w", 2);

        TestKit.awaitInstance(runtime, family, "w", 3);
        assertThat(sup.ref().isAlive()).isTrue();

        // Without time passing, one more restart within the window exceeds the intensity of 1.
        CompletableFuture<ExitReason> exit = sup.ref().onExit();
        crash("w", 3);
        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
    }

    @Test
    void aRestartExactlyOnePeriodAfterAnotherStillCounts() {
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.oneForOne(family.worker("w")).withIntensity(1, Duration.ofMinutes(1)));
        CompletableFuture<ExitReason> exit = sup.ref().onExit();

        crash("w", 1);
        TestKit.awaitInstance(runtime, family, "w", 2);
        ticker.advance(Duration.ofMinutes(1)); // OTP drops restarts strictly older than the period
        crash("w", 2);

        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
    }

    @Test
    void aFailedRestartAttemptCounts() {
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.oneForOne(family.worker("w")).withIntensity(2, Duration.ofMinutes(1)));
        family.behaviour("w").mode = InitMode.FAIL;
        CompletableFuture<ExitReason> exit = sup.ref().onExit();

        crash("w", 1);

        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
        // The first start, then two restart attempts that failed; the third would exceed 2 restarts.
        assertThat(family.inits("w")).isEqualTo(3);
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void aFailedRestartIsTriedAgainUntilItSucceeds() {
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.oneForOne(family.worker("w")).withIntensity(5, Duration.ofMinutes(1)));
        family.behaviour("w").failNext.set(2);

        ServerRef ref = crash("w", 1);

        // Two failed attempts and one that works: three restarts, within the intensity of five.
        await().until(() -> TestKit.info(sup, "w").map(i -> i.status() == ChildStatus.RUNNING).orElse(false)
                && family.inits("w") == 4);
        assertThat(runtime.whereis("w")).contains(ref);
        assertThat(ref.<String>call(new Ping())).isEqualTo("pong:w#4");
        assertThat(sup.ref().isAlive()).isTrue();
    }

    @Test
    void whenTheSupervisorGivesUpQueuedCallersFailAtOnce() {
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.oneForOne(family.worker("w")).withIntensity(0, Duration.ofMinutes(1)));
        ServerRef w = runtime.whereis("w").orElseThrow();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocked = w.callAsync(new Block(entered, release));
        TestKit.awaitLatch(entered);
        CompletableFuture<ExitReason> exit = sup.ref().onExit();
        CompletableFuture<Object> crash = w.callAsync(new Crash("give up"));
        List<CompletableFuture<Object>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(w.callAsync(new Ping(), Duration.ofMinutes(5)));
        }

        release.countDown();

        assertThat(blocked.join()).isEqualTo("unblocked");
        assertThatThrownBy(crash::join).hasCauseInstanceOf(CallFailedException.class);
        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
        for (CompletableFuture<Object> call : queued) {
            assertThatThrownBy(call::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(ServerStoppedException.class);
        }
    }

    @Test
    void escalationThroughThreeLevels() {
        SupervisorSpec bottom = SupervisorSpec.oneForOne(family.worker("w")).withIntensity(0, Duration.ofMinutes(1));
        SupervisorSpec middle = SupervisorSpec.oneForOne(ChildSpec.supervisor("bottom", bottom).withName("bottom"))
                .withIntensity(1, Duration.ofMinutes(1));
        Supervisor top = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                        family.worker("other"), ChildSpec.supervisor("middle", middle).withName("middle"))
                .withIntensity(1, Duration.ofMinutes(1)), StartOptions.named("top"));
        ServerRef middleRef = runtime.whereis("middle").orElseThrow();

        crash("w", 1); // bottom gives up; middle restarts it (1 of 1)
        crash("w", 2); // bottom gives up; middle gives up; top restarts middle (1 of 1)
        TestKit.awaitInstance(runtime, family, "w", 3);
        assertThat(top.ref().isAlive()).isTrue();
        assertThat(runtime.whereis("middle")).contains(middleRef); // restarted, same server
        assertThat(family.inits("other")).isEqualTo(1);

        crash("w", 3); // bottom gives up; the fresh middle restarts it (1 of 1)
        CompletableFuture<ExitReason> exit = top.ref().onExit();
        crash("w", 4); // bottom gives up; middle gives up; top gives up

        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(family.events.all()).endsWith("terminate:other:shutdown");
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void aParentRestartsAChildSupervisorThatGaveUpOnlyIfItIsPermanent() {
        SupervisorSpec failing = SupervisorSpec.oneForOne(family.worker("w")).withIntensity(0, Duration.ofMinutes(1));
        SupervisorSpec permanentFailing = SupervisorSpec.oneForOne(family.worker("p")).withIntensity(0,
                Duration.ofMinutes(1));
        Supervisor top = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                ChildSpec.supervisor("transient", failing).withRestart(RestartType.TRANSIENT),
                ChildSpec.supervisor("permanent", permanentFailing)).withIntensity(5, Duration.ofMinutes(1)));

        crash("w", 1);
        crash("p", 1);

        await().until(() -> TestKit.info(top, "transient").map(i -> i.status() == ChildStatus.UNDEFINED)
                .orElse(false));
        TestKit.awaitInstance(runtime, family, "p", 2);
        assertThat(family.inits("w")).isEqualTo(1);
        assertThat(TestKit.info(top, "permanent").orElseThrow().status()).isEqualTo(ChildStatus.RUNNING);
    }
}
