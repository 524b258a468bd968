package dev.genserver.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.genserver.supervisor.TestKit.await;

import dev.genserver.process.AlreadyStartedException;
import dev.genserver.process.CallFailedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import dev.genserver.supervisor.TestKit.Crash;
import dev.genserver.supervisor.TestKit.Family;
import dev.genserver.supervisor.TestKit.InitMode;
import dev.genserver.supervisor.TestKit.Ping;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** contract §9: start, terminate, restart and delete child, which and count children, with OTP's error cases. */
@Timeout(60)
class SupervisorApiTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();
    private final Family family = new Family();

    @AfterEach
    void close() {
        runtime.close();
    }

    private Supervisor start(ChildSpec... children) {
        return Supervisor.start(runtime, SupervisorSpec.oneForOne(children).withIntensity(10, Duration.ofMinutes(1)),
                StartOptions.named("sup"));
    }

    @Test
    void startChildAddsAChildAfterTheOthers() {
        Supervisor sup = start(family.worker("a"));

        StartResult result = sup.startChild(family.worker("b"));

        assertThat(result.isStarted()).isTrue();
        assertThat(result.ref()).isSameAs(runtime.whereis("b").orElseThrow());
        assertThat(sup.whichChildren()).extracting(ChildInfo::id).containsExactly("a", "b");
        assertThat(sup.child("b")).contains(result.ref());
        assertThat(sup.childSpec("b")).get().extracting(ChildSpec::id).isEqualTo("b");
        assertThat(sup.childSpec("zz")).isEmpty();
        sup.stop();
        assertThat(family.events.all()).endsWith("terminate:b:shutdown", "terminate:a:shutdown");
    }

    @Test
    void startChildWithTheIdOfARunningChildIsAlreadyStarted() {
        Supervisor sup = start(family.worker("a"));
        ServerRef a = runtime.whereis("a").orElseThrow();

        assertThatThrownBy(() -> sup.startChild(family.worker("a")))
                .isInstanceOfSatisfying(ChildAlreadyStartedException.class, e -> {
                    assertThat(e.holder()).isSameAs(a);
                    assertThat(e.childId()).isEqualTo("a");
                    assertThat(e.supervisor()).isEqualTo("sup");
                })
                .hasMessageContaining("supervisor sup already has a running child with id a")
                .hasMessageContaining("give the new child spec another id");
        assertThat(family.inits("a")).isEqualTo(1);
    }

    @Test
    void startChildWithTheIdOfAStoppedChildIsAlreadyPresent() {
        Supervisor sup = start(family.worker("a"));
        sup.terminateChild("a");

        assertThatThrownBy(() -> sup.startChild(family.worker("a")))
                .isInstanceOf(ChildAlreadyPresentException.class)
                .hasMessageContaining("supervisor sup already has a child spec with id a (not running)")
                .hasMessageContaining("restartChild(\"a\")");
    }

    @Test
    void startChildWhoseInitFailsIsNotKept() {
        Supervisor sup = start(family.worker("a"));
        family.behaviour("b").mode = InitMode.THROW;

        assertThatThrownBy(() -> sup.startChild(family.worker("b")))
                .isInstanceOfSatisfying(ChildStartFailedException.class,
                        e -> assertThat(e.childId()).isEqualTo("b"))
                .hasMessageContaining("supervisor sup failed to start child (b, crash(")
                .hasRootCauseMessage("init of b threw");
        assertThat(sup.whichChildren()).extracting(ChildInfo::id).containsExactly("a");
        assertThat(runtime.whereis("b")).isEmpty();
    }

    @Test
    void startChildWhoseNameIsTakenIsAlreadyStarted() {
        Supervisor sup = start(family.worker("a"));

        assertThatThrownBy(() -> sup.startChild(family.worker("other").withName("a")))
                .isInstanceOfSatisfying(AlreadyStartedException.class,
                        e -> assertThat(e.holder()).isSameAs(runtime.whereis("a").orElseThrow()));
        assertThat(sup.whichChildren()).hasSize(1);
    }

    @Test
    void startChildThatIgnoresIsKeptUndefinedUnlessTemporary() {
        Supervisor sup = start();
        family.behaviour("p").mode = InitMode.IGNORE;
        family.behaviour("t").mode = InitMode.IGNORE;

        assertThat(sup.startChild(family.worker("p")).isStarted()).isFalse();
        assertThat(sup.startChild(family.worker("t", RestartType.TEMPORARY)).isStarted()).isFalse();

        assertThat(sup.whichChildren()).containsExactly(
                new ChildInfo("p", null, ChildStatus.UNDEFINED, ChildType.WORKER, RestartType.PERMANENT));
    }

    @Test
    void startChildRejectsASignificantChildWithoutAutoShutdown() {
        Supervisor sup = start();

        assertThatThrownBy(() -> sup.startChild(family.worker("s", RestartType.TRANSIENT).asSignificant()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("autoShutdown is NEVER");
    }

    @Test
    void terminateChildStopsItKeepsTheSpecAndFailsItsQueuedCallers() {
        Supervisor sup = start(family.worker("a"), family.worker("b"));
        ServerRef b = runtime.whereis("b").orElseThrow();
        b.suspend(); // calls queue up, an orderly stop is still handled
        CompletableFuture<Object> queued = b.callAsync(new Ping(), Duration.ofMinutes(1));

        sup.terminateChild("b");

        assertThatThrownBy(queued::join).hasCauseInstanceOf(ServerStoppedException.class);
        assertThat(b.isAlive()).isFalse();
        assertThat(family.events.all()).contains("terminate:b:shutdown");
        assertThat(sup.whichChildren()).extracting(ChildInfo::id, ChildInfo::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", ChildStatus.RUNNING),
                org.assertj.core.groups.Tuple.tuple("b", ChildStatus.UNDEFINED));
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(2, 1, 0, 2));
        assertThat(sup.child("b")).isEmpty();
        assertThat(runtime.whereis("b")).isEmpty();
        assertThatThrownBy(() -> b.call(new Ping())).isInstanceOf(NoProcessException.class);
    }

    @Test
    void terminateChildForgetsATemporaryChild() {
        Supervisor sup = start(family.worker("t", RestartType.TEMPORARY));

        sup.terminateChild("t");

        assertThat(sup.whichChildren()).isEmpty();
        assertThatThrownBy(() -> sup.restartChild("t")).isInstanceOf(ChildNotFoundException.class);
    }

    @Test
    void terminateChildOfAnUnknownIdIsNotFound() {
        Supervisor sup = start(family.worker("a"));

        assertThatThrownBy(() -> sup.terminateChild("nope"))
                .isInstanceOfSatisfying(ChildNotFoundException.class, e -> assertThat(e.childId()).isEqualTo("nope"))
                .hasMessageContaining("supervisor sup has no child nope to terminate")
                .hasMessageContaining("whichChildren()");
    }

    @Test
    void restartChildStartsATerminatedChildAgain() {
        Supervisor sup = start(family.worker("a"));
        ServerRef old = runtime.whereis("a").orElseThrow();
        sup.terminateChild("a");

        StartResult result = sup.restartChild("a");

        assertThat(result.ref()).isNotSameAs(old).isSameAs(runtime.whereis("a").orElseThrow());
        assertThat(result.ref().<String>call(new Ping())).isEqualTo("pong:a#2");
        assertThat(TestKit.info(sup, "a").orElseThrow().status()).isEqualTo(ChildStatus.RUNNING);
    }

    @Test
    void restartChildOfARunningChildIsRunning() {
        Supervisor sup = start(family.worker("a"));

        assertThatThrownBy(() -> sup.restartChild("a")).isInstanceOf(ChildRunningException.class)
                .hasMessageContaining("supervisor sup cannot restart child a: it is running")
                .hasMessageContaining("terminateChild(\"a\")");
    }

    @Test
    void restartChildOfAnUnknownIdIsNotFound() {
        Supervisor sup = start();

        assertThatThrownBy(() -> sup.restartChild("nope")).isInstanceOf(ChildNotFoundException.class);
    }

    @Test
    void restartChildWhoseInitFailsKeepsItUndefined() {
        Supervisor sup = start(family.worker("a"));
        sup.terminateChild("a");
        family.behaviour("a").mode = InitMode.FAIL;

        assertThatThrownBy(() -> sup.restartChild("a")).isInstanceOf(ChildStartFailedException.class);
        assertThat(TestKit.info(sup, "a").orElseThrow().status()).isEqualTo(ChildStatus.UNDEFINED);
    }

    @Test
    void restartAndDeleteOfARestartingChildAreRestartingButTerminateWorks() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("a"))
                .withBackoff(Backoff.exponential(Duration.ofMinutes(10), Duration.ofMinutes(10))),
                StartOptions.named("sup"));
        ServerRef a = runtime.whereis("a").orElseThrow();
        assertThatThrownBy(() -> a.call(new Crash("x"))).isInstanceOf(CallFailedException.class);
        await().until(() -> TestKit.info(sup, "a").orElseThrow().status() == ChildStatus.RESTARTING);
        assertThat(TestKit.info(sup, "a").orElseThrow().ref()).isSameAs(a);
        assertThat(a.isAlive()).isTrue(); // waiting, with its mailbox

        assertThatThrownBy(() -> sup.restartChild("a")).isInstanceOf(ChildRestartingException.class)
                .hasMessageContaining("supervisor sup cannot restart child a: the supervisor is restarting it");
        assertThatThrownBy(() -> sup.deleteChild("a")).isInstanceOf(ChildRestartingException.class);
        assertThatThrownBy(() -> sup.startChild(family.worker("a"))).isInstanceOf(ChildAlreadyPresentException.class);

        sup.terminateChild("a");

        assertThat(a.isAlive()).isFalse();
        assertThat(TestKit.info(sup, "a").orElseThrow().status()).isEqualTo(ChildStatus.UNDEFINED);
        assertThat(sup.restartChild("a").isStarted()).isTrue();
    }

    @Test
    void deleteChildRemovesATerminatedChild() {
        Supervisor sup = start(family.worker("a"), family.worker("b"));
        sup.terminateChild("a");

        sup.deleteChild("a");

        assertThat(sup.whichChildren()).extracting(ChildInfo::id).containsExactly("b");
        assertThat(sup.startChild(family.worker("a")).isStarted()).isTrue();
        assertThat(sup.whichChildren()).extracting(ChildInfo::id).containsExactly("b", "a");
    }

    @Test
    void deleteChildOfARunningChildIsRunning() {
        Supervisor sup = start(family.worker("a"));

        assertThatThrownBy(() -> sup.deleteChild("a")).isInstanceOf(ChildRunningException.class)
                .hasMessageContaining("cannot delete child a: it is running");
    }

    @Test
    void deleteChildOfAnUnknownIdIsNotFound() {
        Supervisor sup = start();

        assertThatThrownBy(() -> sup.deleteChild("nope")).isInstanceOf(ChildNotFoundException.class)
                .hasMessageContaining("no child nope to delete");
    }

    @Test
    void whichAndCountChildrenDescribeWorkersAndSupervisors() {
        Supervisor sup = start(family.worker("a"), ChildSpec.supervisor("inner",
                SupervisorSpec.oneForOne(family.worker("x"))).withName("inner"), family.worker("b"));
        sup.terminateChild("b");

        List<ChildInfo> children = sup.whichChildren();

        assertThat(children).containsExactly(
                new ChildInfo("a", runtime.whereis("a").orElseThrow(), ChildStatus.RUNNING, ChildType.WORKER,
                        RestartType.PERMANENT),
                new ChildInfo("inner", runtime.whereis("inner").orElseThrow(), ChildStatus.RUNNING,
                        ChildType.SUPERVISOR, RestartType.PERMANENT),
                new ChildInfo("b", null, ChildStatus.UNDEFINED, ChildType.WORKER, RestartType.PERMANENT));
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(3, 2, 1, 2));
        Supervisor inner = Supervisor.of(children.get(1).ref());
        assertThat(inner.whichChildren()).extracting(ChildInfo::id).containsExactly("x");
    }

    @Test
    void callsToAStoppedSupervisorFailWithNoProcess() {
        Supervisor sup = start(family.worker("a"));
        sup.stop();

        assertThatThrownBy(sup::whichChildren).isInstanceOf(NoProcessException.class);
        assertThatThrownBy(() -> sup.startChild(family.worker("b"))).isInstanceOf(NoProcessException.class);
    }

    @Test
    void anExitSignalFromOutsideStopsTheSupervisorInOrder() {
        Supervisor sup = start(family.worker("a"), family.worker("b"));
        CompletableFuture<ExitReason> exit = sup.ref().onExit();

        runtime.exit(sup.ref(), ExitReason.shutdown("operator"));

        assertThat(exit.join()).isEqualTo(ExitReason.shutdown("operator"));
        assertThat(family.events.all()).endsWith("terminate:b:shutdown", "terminate:a:shutdown");
        assertThat(runtime.serverCount()).isZero();
    }
}
