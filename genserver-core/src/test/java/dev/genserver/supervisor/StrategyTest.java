package dev.genserver.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.genserver.supervisor.TestKit.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.supervisor.TestKit.Crash;
import dev.genserver.supervisor.TestKit.Family;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** contract §9: OTP's exact stop and restart order for each strategy; a multi-child restart counts once. */
@Timeout(60)
class StrategyTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();
    private final Family family = new Family();

    @AfterEach
    void close() {
        runtime.close();
    }

    private void crash(String name) {
        ServerRef ref = runtime.whereis(name).orElseThrow();
        assertThatThrownBy(() -> ref.call(new Crash("test"))).isInstanceOf(CallFailedException.class);
    }

    private List<String> eventsAfterCrash(int mark, int expected) {
        await().until(() -> family.events.size() - mark >= expected);
        return family.events.since(mark);
    }

    @Test
    void oneForOneRestartsOnlyTheChildThatExited() {
        Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("a"), family.worker("b"), family.worker("c")));
        int mark = family.events.size();

        crash("b");

        assertThat(eventsAfterCrash(mark, 2)).containsExactly("terminate:b:crash", "init:b");
        TestKit.awaitInstance(runtime, family, "b", 2);
        assertThat(family.inits("a")).isEqualTo(1);
        assertThat(family.inits("c")).isEqualTo(1);
    }

    @Test
    void oneForAllStopsTheOthersInReverseOrderThenRestartsAllInStartOrder() {
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.oneForAll(family.worker("a"), family.worker("b"), family.worker("c")));
        ServerRef a = runtime.whereis("a").orElseThrow();
        int mark = family.events.size();

        crash("b");

        assertThat(eventsAfterCrash(mark, 6)).containsExactly("terminate:b:crash", "terminate:c:shutdown",
                "terminate:a:shutdown", "init:a", "init:b", "init:c");
        await().until(() -> sup.countChildren().active() == 3);
        assertThat(runtime.whereis("a")).contains(a); // same server: the mailbox survived
    }

    @Test
    void restForOneRestartsTheChildAndThoseStartedAfterIt() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.restForOne(
                family.worker("a"), family.worker("b"), family.worker("c"), family.worker("d")));
        int mark = family.events.size();

        crash("b");

        assertThat(eventsAfterCrash(mark, 6)).containsExactly("terminate:b:crash", "terminate:d:shutdown",
                "terminate:c:shutdown", "init:b", "init:c", "init:d");
        await().until(() -> sup.countChildren().active() == 4);
        assertThat(family.inits("a")).isEqualTo(1);
    }

    @Test
    void restForOneOnTheLastChildRestartsOnlyIt() {
        Supervisor.start(runtime, SupervisorSpec.restForOne(family.worker("a"), family.worker("b")));
        int mark = family.events.size();

        crash("b");

        assertThat(eventsAfterCrash(mark, 2)).containsExactly("terminate:b:crash", "init:b");
        TestKit.awaitInstance(runtime, family, "b", 2);
        assertThat(family.inits("a")).isEqualTo(1);
    }

    @Test
    void aMultiChildRestartCountsAsOneRestart() {
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.oneForAll(family.worker("a"), family.worker("b"), family.worker("c"))
                        .withIntensity(1, Duration.ofMinutes(1)));

        crash("a");
        TestKit.awaitInstance(runtime, family, "c", 2);
        await().until(() -> sup.countChildren().active() == 3);
        assertThat(sup.ref().isAlive()).isTrue(); // three children restarted, one restart counted

        java.util.concurrent.CompletableFuture<ExitReason> exit = sup.ref().onExit();
        crash("c");
        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void aTemporarySiblingIsStoppedAndForgottenByAMultiChildRestart() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForAll(
                family.worker("a"), family.worker("t", RestartType.TEMPORARY), family.worker("c")));
        int mark = family.events.size();

        crash("a");

        assertThat(eventsAfterCrash(mark, 5)).containsExactly("terminate:a:crash", "terminate:c:shutdown",
                "terminate:t:shutdown", "init:a", "init:c");
        await().until(() -> sup.countChildren().active() == 2);
        assertThat(sup.whichChildren()).extracting(ChildInfo::id).containsExactly("a", "c");
        assertThat(runtime.whereis("t")).isEmpty();
    }

    @Test
    void aCrashOfATemporaryChildRestartsNobody() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForAll(
                family.worker("a"), family.worker("t", RestartType.TEMPORARY), family.worker("c")));

        crash("t");

        await().until(() -> sup.whichChildren().size() == 2);
        assertThat(family.inits("a")).isEqualTo(1);
        assertThat(family.inits("c")).isEqualTo(1);
    }

    @Test
    void oneForAllAlsoStartsChildrenThatWereTerminated() {
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.oneForAll(family.worker("a"), family.worker("b"), family.worker("c")));
        sup.terminateChild("b");
        int mark = family.events.size();

        crash("a");

        // As in OTP: a one-for-all restart starts every child the supervisor knows.
        assertThat(eventsAfterCrash(mark, 5)).containsExactly("terminate:a:crash", "terminate:c:shutdown",
                "init:a", "init:b", "init:c");
        await().until(() -> sup.countChildren().active() == 3);
    }
}
