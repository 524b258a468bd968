package dev.genserver.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.genserver.supervisor.TestKit.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.supervisor.TestKit.Crash;
import dev.genserver.supervisor.TestKit.Family;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** contract §9: shutdown in reverse order, honouring each child's shutdown, escalating to kill; killed supervisors. */
@Timeout(60)
class ShutdownTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();
    private final Family family = new Family();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aBrutallyKilledChildRunsNoTerminate() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                family.worker("a"), family.worker("k").withShutdown(Shutdown.brutalKill())));
        ServerRef k = runtime.whereis("k").orElseThrow();
        CompletableFuture<ExitReason> exit = k.onExit();

        sup.terminateChild("k");

        assertThat(exit.join()).isEqualTo(ExitReason.KILLED);
        assertThat(family.events.all()).noneMatch(e -> e.startsWith("terminate:k"));
        sup.stop();
        assertThat(family.events.all()).endsWith("terminate:a:shutdown");
    }

    @Test
    void aChildThatDoesNotStopWithinItsTimeoutIsKilled() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                family.worker("slow").withShutdown(Shutdown.timeout(Duration.ofMillis(300)))));
        ServerRef slow = runtime.whereis("slow").orElseThrow();
        family.behaviour("slow").terminateRelease = new CountDownLatch(1); // terminate never finishes
        CompletableFuture<ExitReason> exit = slow.onExit();
        long begin = System.nanoTime();

        sup.terminateChild("slow");

        assertThat((System.nanoTime() - begin) / 1_000_000).isGreaterThanOrEqualTo(300); // it was given its time
        assertThat(exit.join()).isEqualTo(ExitReason.KILLED); // then killed
        assertThat(family.events.all()).doesNotContain("terminate:slow:shutdown");
        assertThat(slow.isAlive()).isFalse();
        assertThat(TestKit.info(sup, "slow").orElseThrow().status()).isEqualTo(ChildStatus.UNDEFINED);
    }

    @Test
    void infinityWaitsForTerminateAsLongAsItTakes() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                family.worker("patient").withShutdown(Shutdown.infinity())));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inTerminate = new CountDownLatch(1);
        family.behaviour("patient").terminateRelease = release;
        family.behaviour("patient").onTerminate = id -> inTerminate.countDown();

        CompletableFuture<Void> terminating = CompletableFuture.runAsync(() -> sup.terminateChild("patient"));
        TestKit.awaitLatch(inTerminate);
        assertThat(terminating).isNotDone();
        release.countDown();
        terminating.join();

        assertThat(family.events.all()).contains("terminate:patient:shutdown");
    }

    @Test
    void aTreeShutsDownDepthFirstInReverseOrder() {
        Supervisor root = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                family.worker("a"),
                ChildSpec.supervisor("mid", SupervisorSpec.oneForOne(family.worker("m1"), family.worker("m2"))),
                family.worker("z")), StartOptions.named("root"));

        root.stop();

        assertThat(family.events.all()).containsExactly("init:a", "init:m1", "init:m2", "init:z",
                "terminate:z:shutdown", "terminate:m2:shutdown", "terminate:m1:shutdown", "terminate:a:shutdown");
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void aKilledSupervisorTakesItsWholeSubtreeWithIt() {
        Supervisor root = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                family.worker("a"),
                ChildSpec.supervisor("mid", SupervisorSpec.oneForOne(family.worker("m1"))).withName("mid")));
        ServerRef a = runtime.whereis("a").orElseThrow();
        ServerRef m1 = runtime.whereis("m1").orElseThrow();

        runtime.exit(root.ref(), ExitReason.KILL);

        // The killer's thread reaps the subtree before exit returns: no terminate, no leftovers.
        assertThat(a.isAlive()).isFalse();
        assertThat(m1.isAlive()).isFalse();
        assertThat(runtime.whereis("mid")).isEmpty();
        assertThat(runtime.serverCount()).isZero();
        assertThat(family.events.all()).noneMatch(e -> e.startsWith("terminate"));
        // Names are free again at once.
        Supervisor again = Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("a")));
        assertThat(again.countChildren().active()).isEqualTo(1);
    }

    @Test
    void aChildSupervisorKilledByItsParentIsRestartedWithFreshChildren() {
        Supervisor root = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                ChildSpec.supervisor("mid", SupervisorSpec.oneForOne(family.worker("m1"))).withName("mid")));
        ServerRef mid = runtime.whereis("mid").orElseThrow();
        ServerRef m1 = runtime.whereis("m1").orElseThrow();

        runtime.exit(mid, ExitReason.KILL);

        ServerRef m1Again = TestKit.awaitInstance(runtime, family, "m1", 2);
        assertThat(m1Again).isNotSameAs(m1);
        assertThat(m1.isAlive()).isFalse();
        assertThat(runtime.whereis("mid")).contains(mid);
        assertThat(TestKit.info(root, "mid").orElseThrow().status()).isEqualTo(ChildStatus.RUNNING);
    }

    @Test
    void aSupervisorChildStoppedWithATimeoutIsKilledAndItsChildrenWithIt() {
        CountDownLatch never = new CountDownLatch(1);
        family.behaviour("m1").terminateRelease = never;
        family.behaviour("m1").onTerminate = id -> { };
        Supervisor root = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                ChildSpec.supervisor("mid", SupervisorSpec.oneForOne(
                        family.worker("m1").withShutdown(Shutdown.infinity())))
                        .withShutdown(Shutdown.timeout(Duration.ofMillis(100)))));
        ServerRef m1 = runtime.whereis("m1").orElseThrow();

        root.terminateChild("mid");

        assertThat(m1.isAlive()).isFalse();
        assertThat(runtime.serverCount()).isEqualTo(1);
    }

    @Test
    void closingTheRuntimeStopsAWholeTree() {
        Supervisor.start(runtime, SupervisorSpec.oneForAll(
                family.worker("a"),
                ChildSpec.supervisor("mid", SupervisorSpec.restForOne(family.worker("m1"), family.worker("m2"))),
                ChildSpec.supervisor("dyn", DynamicSupervisorSpec.defaults()).withName("dyn"),
                family.worker("z")));
        DynamicSupervisor dyn = DynamicSupervisor.of(runtime.whereis("dyn").orElseThrow());
        dyn.startChild(family.worker("d1"));
        dyn.startChild(family.worker("d2"));
        long begin = System.nanoTime();

        runtime.close();

        assertThat(runtime.serverCount()).isZero();
        assertThat((System.nanoTime() - begin) / 1_000_000).isLessThan(4_000); // nobody waited for a timeout
        for (String id : new String[] {"a", "m1", "m2", "d1", "d2", "z"}) {
            assertThat(family.inits(id)).as(id).isEqualTo(1);
        }
    }

    @Test
    void crashDuringShutdownOfASiblingIsNotRestarted() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("a"), family.worker("b")));
        ServerRef a = runtime.whereis("a").orElseThrow();
        CountDownLatch bTerminating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        family.behaviour("b").onTerminate = id -> bTerminating.countDown();
        family.behaviour("b").terminateRelease = release;

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(sup::stop);
        TestKit.awaitLatch(bTerminating);
        assertThatThrownBy(() -> a.call(new Crash("while shutting down"))).isInstanceOf(CallFailedException.class);
        release.countDown();
        stopping.join();

        assertThat(family.inits("a")).isEqualTo(1);
        assertThat(runtime.serverCount()).isZero();
    }
}
