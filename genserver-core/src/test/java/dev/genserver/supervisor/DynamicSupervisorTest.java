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
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import dev.genserver.supervisor.TestKit.Args;
import dev.genserver.supervisor.TestKit.Behaviour;
import dev.genserver.supervisor.TestKit.Crash;
import dev.genserver.supervisor.TestKit.Events;
import dev.genserver.supervisor.TestKit.InitMode;
import dev.genserver.supervisor.TestKit.ManualTicker;
import dev.genserver.supervisor.TestKit.Ping;
import dev.genserver.supervisor.TestKit.StopWith;
import dev.genserver.supervisor.TestKit.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** contract §10: DynamicSupervisor. */
@Timeout(60)
class DynamicSupervisorTest {

    private final ManualTicker ticker = new ManualTicker();
    private final ProcessRuntime runtime = ProcessRuntime.builder().ticker(ticker).build();
    private final Events events = new Events();

    @AfterEach
    void close() {
        runtime.close();
    }

    private static ChildSpec spec(String id, Events events, Behaviour behaviour) {
        return ChildSpec.worker(id, args -> new Worker(id, events, behaviour, args));
    }

    private ChildSpec spec(String id, Behaviour behaviour) {
        return spec(id, events, behaviour);
    }

    private ChildSpec spec(String id) {
        return spec(id, new Behaviour());
    }

    private DynamicSupervisor start(DynamicSupervisorSpec spec) {
        return DynamicSupervisor.start(runtime, spec, StartOptions.named("dyn"));
    }

    @Test
    void startsEmptyAndAddsChildrenOnDemand() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults());
        assertThat(dyn.whichChildren()).isEmpty();
        assertThat(dyn.countChildren()).isEqualTo(new ChildCounts(0, 0, 0, 0));

        ServerRef a = dyn.startChild(spec("a")).ref();
        ServerRef b = dyn.startChild(spec("b").withName("b")).ref();

        assertThat(a.<String>call(new Ping())).isEqualTo("pong:a#1");
        assertThat(runtime.whereis("b")).contains(b);
        assertThat(dyn.whichChildren()).extracting(ChildInfo::ref).containsExactly(a, b);
        assertThat(dyn.whichChildren()).extracting(ChildInfo::status).containsOnly(ChildStatus.RUNNING);
        assertThat(dyn.countChildren()).isEqualTo(new ChildCounts(2, 2, 0, 2));
    }

    @Test
    void extraArgumentsArePrependedToEachChildsArguments() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults().withExtraArguments("tenant-1", 7));
        Behaviour b = new Behaviour();

        ServerRef child = dyn.startChild(ChildSpec.worker("c", args -> new Worker("c", events, b, args), "own")).ref();

        assertThat(child.<List<Object>>call(new Args())).containsExactly("tenant-1", 7, "own");
        // the same arguments again after a restart
        assertThatThrownBy(() -> child.call(new Crash("x"))).isInstanceOf(CallFailedException.class);
        await().until(() -> b.instances.get() == 2 && dyn.countChildren().active() == 1);
        assertThat(child.<List<Object>>call(new Args())).containsExactly("tenant-1", 7, "own");
    }

    @Test
    void anIgnoredStartIsNotKept() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults().withMaxChildren(1));
        Behaviour ignoring = new Behaviour();
        ignoring.mode = InitMode.IGNORE;

        StartResult result = dyn.startChild(spec("i", ignoring));

        assertThat(result).isInstanceOf(StartResult.Ignored.class);
        assertThat(dyn.countChildren().specs()).isZero();
        assertThat(dyn.startChild(spec("a")).isStarted()).isTrue(); // the slot was given back
    }

    @Test
    void aFailedStartIsReportedAndNotKept() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults().withMaxChildren(1));
        Behaviour failing = new Behaviour();
        failing.mode = InitMode.THROW;

        assertThatThrownBy(() -> dyn.startChild(spec("f", failing)))
                .isInstanceOfSatisfying(ChildStartFailedException.class, e -> assertThat(e.childId()).isEqualTo("f"))
                .hasMessageContaining("supervisor dyn failed to start child (f, crash(")
                .hasRootCauseMessage("init of f threw");
        assertThat(dyn.countChildren().specs()).isZero();
        assertThat(dyn.startChild(spec("a")).isStarted()).isTrue();
    }

    @Test
    void aSignificantChildIsRefusedAsBySupervisor() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults().withMaxChildren(1));
        Behaviour b = new Behaviour();

        assertThatThrownBy(() -> dyn.startChild(spec("job", b).withRestart(RestartType.TRANSIENT).asSignificant()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("child job is significant but dynamic supervisor dyn has no auto shutdown")
                .hasMessageContaining("drop asSignificant()");
        assertThat(b.instances.get()).isZero(); // nothing was started
        assertThat(dyn.countChildren().specs()).isZero();
        assertThat(dyn.startChild(spec("a")).isStarted()).isTrue(); // no slot was taken
    }

    @Test
    void aTakenNameIsAlreadyStarted() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults());
        ServerRef first = dyn.startChild(spec("a").withName("a")).ref();

        assertThatThrownBy(() -> dyn.startChild(spec("a").withName("a")))
                .isInstanceOfSatisfying(AlreadyStartedException.class, e -> assertThat(e.holder()).isSameAs(first));
        assertThat(dyn.countChildren().specs()).isEqualTo(1);
    }

    @Test
    void maxChildrenIsEnforced() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults().withMaxChildren(2));
        ServerRef a = dyn.startChild(spec("a")).ref();
        dyn.startChild(spec("b"));

        assertThatThrownBy(() -> dyn.startChild(spec("c")))
                .isInstanceOfSatisfying(MaxChildrenException.class, e -> assertThat(e.maxChildren()).isEqualTo(2))
                .hasMessageContaining("dynamic supervisor dyn already has its maximum of 2 children");

        dyn.terminateChild(a);
        assertThat(dyn.startChild(spec("c")).isStarted()).isTrue();
    }

    @Test
    void maxChildrenIsExactUnderConcurrentStarts() throws Exception {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults().withMaxChildren(5));
        int starters = 16;
        CyclicBarrier go = new CyclicBarrier(starters);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < starters; i++) {
            String id = "c" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    dyn.startChild(spec(id));
                    started.incrementAndGet();
                } catch (MaxChildrenException e) {
                    refused.incrementAndGet();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(started.get()).isEqualTo(5);
        assertThat(refused.get()).isEqualTo(11);
        assertThat(dyn.countChildren().active()).isEqualTo(5);
    }

    @Test
    void terminateChildByReference() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults());
        ServerRef a = dyn.startChild(spec("a")).ref();
        ServerRef b = dyn.startChild(spec("b")).ref();

        dyn.terminateChild(a);

        assertThat(a.isAlive()).isFalse();
        assertThat(events.all()).contains("terminate:a:shutdown");
        assertThat(dyn.whichChildren()).extracting(ChildInfo::ref).containsExactly(b);
        assertThatThrownBy(() -> dyn.terminateChild(a)).isInstanceOf(ChildNotFoundException.class)
                .hasMessageContaining("supervisor dyn has no child");
        ServerRef stranger = runtime.start(() -> new Worker("s", events, new Behaviour(), List.of())).ref();
        assertThatThrownBy(() -> dyn.terminateChild(stranger)).isInstanceOf(ChildNotFoundException.class);
    }

    @Test
    void restartTypesApplyAsInSupervisor() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults().withIntensity(10, Duration.ofMinutes(1)));
        Behaviour p = new Behaviour();
        Behaviour t = new Behaviour();
        Behaviour tmp = new Behaviour();
        ServerRef permanent = dyn.startChild(spec("p", p)).ref();
        ServerRef trans = dyn.startChild(spec("t", t).withRestart(RestartType.TRANSIENT)).ref();
        ServerRef temporary = dyn.startChild(spec("tmp", tmp).withRestart(RestartType.TEMPORARY)).ref();

        assertThat(permanent.<String>call(new StopWith(ExitReason.NORMAL))).isEqualTo("stopping");
        assertThat(trans.<String>call(new StopWith(ExitReason.shutdown("done")))).isEqualTo("stopping");
        assertThatThrownBy(() -> temporary.call(new Crash("x"))).isInstanceOf(CallFailedException.class);

        await().until(() -> dyn.whichChildren().size() == 1 && p.instances.get() == 2
                && dyn.countChildren().active() == 1);
        assertThat(dyn.whichChildren()).extracting(ChildInfo::ref).containsExactly(permanent);
        assertThat(permanent.<String>call(new Ping())).isEqualTo("pong:p#2");
        assertThat(t.instances.get()).isEqualTo(1);
        assertThat(tmp.instances.get()).isEqualTo(1);
        assertThat(trans.isAlive()).isFalse();
        assertThat(temporary.isAlive()).isFalse();
    }

    @Test
    void pastTheIntensityEveryChildStopsAndTheSupervisorExits() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults().withIntensity(1, Duration.ofMinutes(1)));
        Behaviour crashy = new Behaviour();
        ServerRef c = dyn.startChild(spec("c", crashy)).ref();
        ServerRef other = dyn.startChild(spec("other")).ref();
        CompletableFuture<ExitReason> exit = dyn.ref().onExit();

        assertThatThrownBy(() -> c.call(new Crash("1"))).isInstanceOf(CallFailedException.class);
        await().until(() -> crashy.instances.get() == 2 && dyn.countChildren().active() == 2);
        assertThatThrownBy(() -> c.call(new Crash("2"))).isInstanceOf(CallFailedException.class);

        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(c.isAlive()).isFalse();
        assertThat(other.isAlive()).isFalse();
        assertThat(events.all()).contains("terminate:other:shutdown");
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void restartsOlderThanThePeriodNoLongerCount() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults().withIntensity(1, Duration.ofMinutes(1)));
        Behaviour crashy = new Behaviour();
        ServerRef c = dyn.startChild(spec("c", crashy)).ref();
        CompletableFuture<ExitReason> exit = dyn.ref().onExit();

        assertThatThrownBy(() -> c.call(new Crash("1"))).isInstanceOf(CallFailedException.class);
        await().until(() -> crashy.instances.get() == 2 && dyn.countChildren().active() == 1);
        ticker.advance(Duration.ofSeconds(61)); // the first restart leaves the window
        assertThatThrownBy(() -> c.call(new Crash("2"))).isInstanceOf(CallFailedException.class);
        await().until(() -> crashy.instances.get() == 3 && dyn.countChildren().active() == 1);
        assertThat(exit).isNotDone();

        assertThatThrownBy(() -> c.call(new Crash("3"))).isInstanceOf(CallFailedException.class);
        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
    }

    @Test
    void aFailedRestartCountsAndIsTriedAgain() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults().withIntensity(2, Duration.ofMinutes(1)));
        Behaviour b = new Behaviour();
        ServerRef c = dyn.startChild(spec("c", b)).ref();
        b.mode = InitMode.FAIL;
        CompletableFuture<ExitReason> exit = dyn.ref().onExit();

        assertThatThrownBy(() -> c.call(new Crash("x"))).isInstanceOf(CallFailedException.class);

        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(b.instances.get()).isEqualTo(3);
    }

    @Test
    void aSlowInitDoesNotBlockOtherStarts() throws Exception {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults());
        Behaviour slow = new Behaviour();
        slow.mode = InitMode.BLOCK;
        CompletableFuture<StartResult> slowStart =
                CompletableFuture.supplyAsync(() -> dyn.startChild(spec("slow", slow)));
        TestKit.awaitLatch(slow.initEntered);

        // While "slow" is in its init, other starts and calls to the supervisor go through.
        ServerRef fast = dyn.startChild(spec("fast")).ref();
        assertThat(fast.<String>call(new Ping())).isEqualTo("pong:fast#1");
        assertThat(dyn.countChildren().active()).isEqualTo(1);
        assertThat(slowStart).isNotDone();

        slow.initRelease.countDown();
        assertThat(slowStart.get().isStarted()).isTrue();
        assertThat(dyn.countChildren().active()).isEqualTo(2);
    }

    @Test
    void slowInitsRunConcurrentlyNotOneAfterAnother() throws Exception {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults());
        int children = 4;
        // Every init waits until all of them have begun: one after another, the first would never end.
        CountDownLatch allInInit = new CountDownLatch(children);
        List<CompletableFuture<StartResult>> starts = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            Behaviour b = new Behaviour();
            b.mode = InitMode.BLOCK;
            b.initEntered = allInInit;
            b.initRelease = allInInit;
            String id = "slow" + i;
            starts.add(CompletableFuture.supplyAsync(() -> dyn.startChild(spec(id, b)),
                    r -> Thread.ofVirtual().start(r)));
        }

        TestKit.awaitLatch(allInInit);
        for (CompletableFuture<StartResult> s : starts) {
            assertThat(s.get().isStarted()).isTrue();
        }
        assertThat(dyn.countChildren().active()).isEqualTo(children);
    }

    @Test
    void aSlowRestartDoesNotBlockTheSupervisor() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults());
        Behaviour b = new Behaviour();
        ServerRef c = dyn.startChild(spec("c", b)).ref();
        b.mode = InitMode.BLOCK;

        assertThatThrownBy(() -> c.call(new Crash("x"))).isInstanceOf(CallFailedException.class);
        TestKit.awaitLatch(b.initEntered);

        assertThat(dyn.whichChildren()).extracting(ChildInfo::status).containsExactly(ChildStatus.RESTARTING);
        ServerRef other = dyn.startChild(spec("other")).ref();
        assertThat(other.<String>call(new Ping())).isEqualTo("pong:other#1");

        b.initRelease.countDown();
        await().until(() -> dyn.countChildren().active() == 2);
        assertThat(c.<String>call(new Ping())).isEqualTo("pong:c#2");
    }

    @Test
    void terminatingAChildWhileItRestartsCancelsTheRestart() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults());
        Behaviour b = new Behaviour();
        ServerRef c = dyn.startChild(spec("c", b)).ref();
        b.mode = InitMode.BLOCK;
        assertThatThrownBy(() -> c.call(new Crash("x"))).isInstanceOf(CallFailedException.class);
        TestKit.awaitLatch(b.initEntered);

        dyn.terminateChild(c);

        assertThat(c.isAlive()).isFalse();
        assertThat(dyn.whichChildren()).isEmpty();
        assertThatThrownBy(() -> c.call(new Ping())).isInstanceOf(NoProcessException.class);
    }

    @Test
    void stopShutsChildrenDownConcurrently() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults());
        int children = 3;
        // Each child's terminate waits for all three to be in terminate: one at a time would never finish.
        CyclicBarrier allTerminating = new CyclicBarrier(children);
        for (int i = 0; i < children; i++) {
            Behaviour b = new Behaviour();
            b.onTerminate = id -> {
                try {
                    allTerminating.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            dyn.startChild(spec("c" + i, b).withShutdown(Shutdown.infinity()));
        }

        dyn.stop();

        assertThat(events.countPrefix("terminate:")).isEqualTo(3);
        assertThat(events.all()).filteredOn(e -> e.startsWith("terminate:")).allMatch(e -> e.endsWith(":shutdown"));
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void aChildWhoseSupervisorStoppedDuringItsStartIsStoppedToo() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults());
        Behaviour slow = new Behaviour();
        slow.mode = InitMode.BLOCK;
        CompletableFuture<StartResult> starting = CompletableFuture.supplyAsync(() -> dyn.startChild(spec("s", slow)));
        TestKit.awaitLatch(slow.initEntered);

        dyn.stop();
        slow.initRelease.countDown();

        assertThatThrownBy(starting::join).hasCauseInstanceOf(NoProcessException.class);
        await().until(() -> runtime.serverCount() == 0);
        assertThat(events.all()).contains("terminate:s:shutdown");
    }

    @Test
    void aChildWhoseSupervisorWasRestartedDuringItsStartIsStopped() {
        Supervisor root = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                ChildSpec.supervisor("dyn", DynamicSupervisorSpec.defaults()).withName("dyn")));
        ServerRef dynRef = runtime.whereis("dyn").orElseThrow();
        DynamicSupervisor dyn = DynamicSupervisor.of(dynRef);
        Behaviour slow = new Behaviour();
        slow.mode = InitMode.BLOCK;
        CompletableFuture<StartResult> starting = CompletableFuture.supplyAsync(() -> dyn.startChild(spec("s", slow)));
        TestKit.awaitLatch(slow.initEntered);

        runtime.exit(dynRef, ExitReason.KILL);
        await().until(() -> dynRef.info().restarts() == 1
                && TestKit.info(root, "dyn").orElseThrow().status() == ChildStatus.RUNNING);
        slow.initRelease.countDown();

        assertThatThrownBy(starting::join).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was restarted while child s was starting");
        assertThat(dyn.countChildren().specs()).isZero();
        await().until(() -> runtime.serverCount() == 2); // root and dyn
    }

    @Test
    void aKilledDynamicSupervisorTakesItsChildrenWithIt() {
        DynamicSupervisor dyn = start(DynamicSupervisorSpec.defaults());
        ServerRef a = dyn.startChild(spec("a")).ref();
        ServerRef b = dyn.startChild(spec("b").withName("b")).ref();

        runtime.exit(dyn.ref(), ExitReason.KILL);

        assertThat(a.isAlive()).isFalse();
        assertThat(b.isAlive()).isFalse();
        assertThat(runtime.whereis("b")).isEmpty();
        assertThat(runtime.serverCount()).isZero();
        assertThatThrownBy(() -> dyn.startChild(spec("c"))).isInstanceOf(NoProcessException.class);
    }

    @Test
    void aDynamicSupervisorUnderASupervisor() {
        Supervisor root = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                ChildSpec.supervisor("carts", DynamicSupervisorSpec.defaults()).withName("carts")));
        DynamicSupervisor carts = DynamicSupervisor.of(runtime.whereis("carts").orElseThrow());
        ServerRef cart = carts.startChild(spec("cart")).ref();

        assertThat(DynamicSupervisor.isDynamicSupervisor(root.whichChildren().getFirst().ref())).isTrue();
        assertThat(DynamicSupervisor.isDynamicSupervisor(root.ref())).isFalse();
        assertThat(DynamicSupervisor.isDynamicSupervisor(cart)).isFalse();
        root.stop();
        assertThat(DynamicSupervisor.isDynamicSupervisor(carts.ref())).isTrue(); // ended, still known

        assertThat(cart.isAlive()).isFalse();
        assertThat(events.all()).contains("terminate:cart:shutdown");
        assertThat(runtime.serverCount()).isZero();
    }
}
