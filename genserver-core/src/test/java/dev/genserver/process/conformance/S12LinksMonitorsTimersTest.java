package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.AWAIT;
import static dev.genserver.process.conformance.ConformanceFixtures.LONG;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.startRecorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.process.DeadLetter;
import dev.genserver.process.Down;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ExitSignal;
import dev.genserver.process.MonitorRef;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.process.StartOptions;
import dev.genserver.process.TimerRef;
import dev.genserver.process.conformance.ConformanceFixtures.Block;
import dev.genserver.process.conformance.ConformanceFixtures.BlockThen;
import dev.genserver.process.conformance.ConformanceFixtures.Crash;
import dev.genserver.process.conformance.ConformanceFixtures.Events;
import dev.genserver.process.conformance.ConformanceFixtures.Get;
import dev.genserver.process.conformance.ConformanceFixtures.StopWith;
import dev.genserver.process.conformance.ConformanceFixtures.WithCtx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("contract §12 Links, monitors, exit signals, timers")
class S12LinksMonitorsTimersTest extends ConformanceTest {

    /** A probe and its events. */
    record P(ServerRef ref, Events ev) {
        CompletableFuture<ExitReason> exit() {
            return ref.onExit();
        }

        /** Handles a call, so every info queued before it has been handled. */
        void barrier() {
            ref.<Integer>call(new Get(), LONG);
        }

        Object run(java.util.function.Function<dev.genserver.process.ServerContext, Object> action) {
            return ref.call(new WithCtx(action), LONG);
        }
    }

    private P probe(String name) {
        return probe(name, false);
    }

    private P probe(String name, boolean trapExits) {
        Events ev = new Events();
        ev.trapExits = trapExits;
        return new P(startRecorder(rt, ev, StartOptions.named(name)), ev);
    }

    private static void link(P from, P to) {
        from.run(ctx -> {
            ctx.link(to.ref());
            return null;
        });
    }

    @Nested
    @DisplayName("contract §12.1 Link: bidirectional; an abnormal exit propagates to linked servers, which die with the same"
            + " reason unless they trap exits, in which case they receive an exit info message")
    class Links {

        @Test
        @DisplayName("the linked server dies with the same reason (without terminate)")
        void propagatesSameReason() {
            P a = probe("a");
            P b = probe("b");
            link(a, b);
            CompletableFuture<ExitReason> aExit = a.exit();
            CompletableFuture<ExitReason> bExit = b.exit();
            b.ref().cast(new Crash("b died"));
            ExitReason reason = bExit.join();
            assertThat(reason).isInstanceOf(ExitReason.Crash.class);
            assertThat(aExit).succeedsWithin(AWAIT).isEqualTo(reason);
            assertThat(a.ref().isAlive()).isFalse();
            assertThat(a.ref().info().status()).isEqualTo(ServerStatus.FAILED);
            assertThat(a.ev().terminated).isEmpty();
        }

        @Test
        @DisplayName("links are bidirectional: the side that created the link dies too and propagates")
        void bidirectional() {
            P a = probe("a");
            P b = probe("b");
            link(a, b);
            CompletableFuture<ExitReason> bExit = b.exit();
            a.ref().cast(new Crash("a died"));
            assertThat(bExit).succeedsWithin(AWAIT).isInstanceOfSatisfying(ExitReason.Crash.class,
                    c -> assertThat(c.cause()).hasMessage("a died"));
        }

        @Test
        @DisplayName("an exit propagates along a chain of links")
        void chain() {
            P a = probe("a");
            P b = probe("b");
            P c = probe("c");
            link(a, b);
            link(b, c);
            CompletableFuture<ExitReason> aExit = a.exit();
            ExitReason reason = ExitReason.error("c gave up");
            c.ref().cast(new StopWith(reason));
            assertThat(aExit).succeedsWithin(AWAIT).isEqualTo(reason);
            assertThat(b.ref().isAlive()).isFalse();
        }

        @Test
        @DisplayName("a server that traps exits receives ExitSignal(from, reason) and keeps running")
        void trapped() {
            P a = probe("a", true);
            P b = probe("b");
            link(a, b);
            CompletableFuture<ExitReason> bExit = b.exit();
            b.ref().cast(new Crash("b died"));
            ExitReason reason = bExit.join();
            eventually().until(() -> a.ev().infosOf(ExitSignal.class).size() == 1);
            ExitSignal signal = (ExitSignal) a.ev().infosOf(ExitSignal.class).getFirst();
            assertThat(signal.from()).isSameAs(b.ref());
            assertThat(signal.reason()).isEqualTo(reason);
            assertThat(a.ref().isAlive()).isTrue();
            a.barrier();
        }

        @Test
        @DisplayName("after unlink, an exit no longer propagates")
        void unlink() {
            P a = probe("a");
            P b = probe("b");
            link(a, b);
            a.run(ctx -> {
                ctx.unlink(b.ref());
                return null;
            });
            CompletableFuture<ExitReason> bExit = b.exit();
            b.ref().cast(new Crash("b died"));
            assertThat(bExit).succeedsWithin(AWAIT);
            a.barrier();
            assertThat(a.ref().isAlive()).isTrue();
        }

        @Test
        @DisplayName("linking to a dead server: NoProcessException, or ExitSignal(noproc) when trapping exits")
        void linkToDead() {
            P dead = probe("dead");
            dead.ref().stop();
            P a = probe("a");
            Object outcome = a.run(ctx -> {
                try {
                    ctx.link(dead.ref());
                    return "linked";
                } catch (NoProcessException e) {
                    return e;
                }
            });
            assertThat(outcome).isInstanceOf(NoProcessException.class);

            P trapper = probe("trapper", true);
            link(trapper, dead);
            trapper.barrier();
            assertThat(trapper.ev().infos).containsExactly(new ExitSignal(dead.ref(), ExitReason.NOPROC));
        }

        @Test
        @DisplayName("ProcessRuntime.exit with an abnormal reason stops a non-trapping server without terminate;"
                + " a trapping one receives ExitSignal(null, reason)")
        void exitSignalFromOutside() {
            P plain = probe("plain");
            ExitReason reason = ExitReason.error("go away");
            CompletableFuture<ExitReason> exit = plain.exit();
            rt.exit(plain.ref(), reason);
            assertThat(exit).succeedsWithin(AWAIT).isEqualTo(reason);
            assertThat(plain.ev().terminated).isEmpty();

            P trapper = probe("trapper", true);
            rt.exit(trapper.ref(), reason);
            trapper.barrier();
            assertThat(trapper.ev().infos).containsExactly(new ExitSignal(null, reason));
            assertThat(trapper.ref().isAlive()).isTrue();
        }
    }

    @Nested
    @DisplayName("contract §12.2 normal exits do not propagate")
    class NormalDoesNotPropagate {

        @Test
        @DisplayName("a linked server's explicit normal stop leaves the other running")
        void explicitNormalStop() {
            P a = probe("a");
            P b = probe("b");
            link(a, b);
            b.ref().stop();
            assertThat(a.ref().isAlive()).isTrue();
            a.barrier();
            assertThat(a.ref().info().status()).isEqualTo(ServerStatus.RUNNING);
        }

        @Test
        @DisplayName("a linked server returning stop(normal) leaves the other running")
        void normalStopResult() {
            P a = probe("a");
            P b = probe("b");
            link(a, b);
            CompletableFuture<ExitReason> bExit = b.exit();
            b.ref().cast(new StopWith(ExitReason.NORMAL));
            assertThat(bExit).succeedsWithin(AWAIT).isEqualTo(ExitReason.NORMAL);
            a.barrier();
            assertThat(a.ref().isAlive()).isTrue();
        }

        @Test
        @DisplayName("ProcessRuntime.exit(ref, normal) is ignored by a server that does not trap exits")
        void exitNormalIgnored() {
            P a = probe("a");
            rt.exit(a.ref(), ExitReason.NORMAL);
            a.barrier();
            assertThat(a.ref().isAlive()).isTrue();
        }

        @Test
        @DisplayName("a trapping server is told of a linked server's normal exit with ExitSignal(normal), as in OTP")
        void trappedNormalExit() {
            P a = probe("a", true);
            P b = probe("b");
            link(a, b);
            b.ref().stop();
            a.barrier();
            assertThat(a.ev().infos).containsExactly(new ExitSignal(b.ref(), ExitReason.NORMAL));
        }
    }

    @Nested
    @DisplayName("contract §12.3 Kill is untrappable")
    class KillUntrappable {

        @Test
        @DisplayName("a trapping server killed with ProcessRuntime.exit(ref, KILL) exits with KILLED:"
                + " no ExitSignal, no terminate")
        void killIgnoresTrap() {
            P victim = probe("victim", true);
            CompletableFuture<ExitReason> exit = victim.exit();
            rt.exit(victim.ref(), ExitReason.KILL);
            assertThat(exit).succeedsWithin(AWAIT).isEqualTo(ExitReason.KILLED);
            assertThat(victim.ref().isAlive()).isFalse();
            assertThat(victim.ev().infos).isEmpty();
            assertThat(victim.ev().terminated).isEmpty();
        }

        @Test
        @DisplayName("linked servers see the victim exit with KILLED: trappers get ExitSignal(killed), others die")
        void killedPropagatesAsKilled() {
            P victim = probe("victim");
            P trapper = probe("trapper", true);
            P plain = probe("plain");
            link(trapper, victim);
            link(plain, victim);
            CompletableFuture<ExitReason> plainExit = plain.exit();
            rt.exit(victim.ref(), ExitReason.KILL);
            assertThat(plainExit).succeedsWithin(AWAIT).isEqualTo(ExitReason.KILLED);
            trapper.barrier();
            assertThat(trapper.ev().infos).containsExactly(new ExitSignal(victim.ref(), ExitReason.KILLED));
        }
    }

    @Nested
    @DisplayName("contract §12.4 Monitor: one-way; the watcher receives a 'down' info message with the reason")
    class Monitors {

        private MonitorRef monitor(P watcher, P target) {
            return (MonitorRef) watcher.run(ctx -> ctx.monitor(target.ref()));
        }

        @Test
        @DisplayName("Down(monitor, server, crash reason) when the target crashes; the watcher keeps running")
        void downWithReason() {
            P w = probe("watcher");
            P t = probe("target");
            MonitorRef m = monitor(w, t);
            assertThat(m.target()).isSameAs(t.ref());
            CompletableFuture<ExitReason> tExit = t.exit();
            t.ref().cast(new Crash("target died"));
            ExitReason reason = tExit.join();
            eventually().until(() -> w.ev().infosOf(Down.class).size() == 1);
            assertThat(w.ev().infos).containsExactly(new Down(m, t.ref(), reason));
            assertThat(w.ref().isAlive()).isTrue();
        }

        @Test
        @DisplayName("Down carries normal and killed reasons too; one Down per monitor")
        void downNormalAndKilled() {
            P w = probe("watcher");
            P t1 = probe("t1");
            P t2 = probe("t2");
            MonitorRef m1 = monitor(w, t1);
            MonitorRef m1b = monitor(w, t1);
            MonitorRef m2 = monitor(w, t2);
            t1.ref().stop();
            rt.exit(t2.ref(), ExitReason.KILL);
            w.barrier();
            assertThat(w.ev().infos).containsExactlyInAnyOrder(
                    new Down(m1, t1.ref(), ExitReason.NORMAL),
                    new Down(m1b, t1.ref(), ExitReason.NORMAL),
                    new Down(m2, t2.ref(), ExitReason.KILLED));
        }

        @Test
        @DisplayName("one-way: the watcher's crash does not affect the watched server")
        void oneWay() {
            P w = probe("watcher");
            P t = probe("target");
            monitor(w, t);
            CompletableFuture<ExitReason> wExit = w.exit();
            w.ref().cast(new Crash("watcher died"));
            assertThat(wExit).succeedsWithin(AWAIT);
            t.barrier();
            assertThat(t.ref().isAlive()).isTrue();
            assertThat(t.ev().infos).isEmpty();
        }

        @Test
        @DisplayName("monitoring a dead server delivers Down(noproc) at once")
        void monitorDead() {
            P t = probe("target");
            t.ref().stop();
            P w = probe("watcher");
            MonitorRef m = monitor(w, t);
            w.barrier();
            assertThat(w.ev().infos).containsExactly(new Down(m, t.ref(), ExitReason.NOPROC));
        }

        @Test
        @DisplayName("demonitor before the exit: no Down for that monitor")
        void demonitor() {
            P w = probe("watcher");
            P t = probe("target");
            MonitorRef m1 = monitor(w, t);
            MonitorRef m2 = monitor(w, t);
            assertThat(w.run(ctx -> ctx.demonitor(m1, false))).isEqualTo(true);
            t.ref().stop();
            w.barrier();
            assertThat(w.ev().infos).containsExactly(new Down(m2, t.ref(), ExitReason.NORMAL));
        }
    }

    @Nested
    @DisplayName("contract §12.5 demonitor can flush")
    class DemonitorFlush {

        /** Queues a Down in the watcher's mailbox while it is held, then demonitors from the handler. */
        private List<Object> demonitorWithQueuedDown(boolean flush) {
            Events ev = new Events();
            ServerRef w = startRecorder(rt, ev, StartOptions.named("watcher"));
            ServerRef t = startRecorder(rt, new Events(), StartOptions.named("target"));
            MonitorRef m = w.call(new WithCtx(ctx -> ctx.monitor(t)), LONG);
            Block b = blocks.create();
            CompletableFuture<Object> demonitored = w.callAsync(new BlockThen(b, ctx -> ctx.demonitor(m, flush)),
                    LONG);
            b.awaitEntered();
            t.stop();
            assertThat(w.info().mailboxLength()).as("the Down is queued").isEqualTo(1);
            b.release();
            assertThat(demonitored).succeedsWithin(AWAIT);
            w.<Integer>call(new Get(), LONG);
            return ev.infos;
        }

        @Test
        @DisplayName("demonitor(ref, flush=true) removes a Down already in the mailbox")
        void flushRemovesQueuedDown() {
            assertThat(demonitorWithQueuedDown(true)).isEmpty();
        }

        @Test
        @DisplayName("demonitor(ref, flush=false) leaves it to be delivered")
        void noFlushKeepsQueuedDown() {
            assertThat(demonitorWithQueuedDown(false)).singleElement().isInstanceOf(Down.class);
        }
    }

    @Nested
    @DisplayName("contract §12.6 Timers: send-after to self or another server; cancel returns the time left or 'not found';"
            + " timers to a dead server are dropped")
    class Timers {

        @Test
        @DisplayName("ServerContext.sendAfter delivers to the server's own handleInfo after the delay")
        void sendAfterToSelf() {
            P p = probe("p");
            long start = System.nanoTime();
            TimerRef timer = (TimerRef) p.run(ctx -> ctx.sendAfter("tick", Duration.ofMillis(100)));
            eventually().until(() -> p.ev().infos.contains("tick"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(timer.remaining()).isEmpty();
        }

        @Test
        @DisplayName("ProcessRuntime.sendAfter delivers to another server, also when a server schedules it")
        void sendAfterToAnother() {
            P a = probe("a");
            P b = probe("b");
            rt.sendAfter(b.ref(), "from outside", Duration.ofMillis(20));
            a.run(ctx -> ctx.runtime().sendAfter(b.ref(), "from a", Duration.ofMillis(20)));
            eventually().until(() -> b.ev().infos.containsAll(List.of("from outside", "from a")));
            assertThat(a.ev().infos).isEmpty();
        }

        @Test
        @DisplayName("cancel before it fires returns the time left, and the message never arrives")
        void cancelReturnsTimeLeft() {
            P p = probe("p");
            TimerRef cancelled = rt.sendAfter(p.ref(), "cancelled", Duration.ofMillis(1000));
            TimerRef fromCtx = (TimerRef) p.run(ctx -> ctx.sendAfter("cancelled too", Duration.ofMillis(1000)));
            Optional<Duration> left = cancelled.cancel();
            Optional<Duration> leftCtx = fromCtx.cancel();
            assertThat(left).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(
                    Duration.ofMillis(1000)));
            assertThat(leftCtx).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(
                    Duration.ofMillis(1000)));
            assertThat(cancelled.remaining()).isEmpty();
            assertThat(cancelled.cancel()).as("a second cancel finds nothing").isEmpty();

            // A later timer: when it arrives, the cancelled ones would have arrived before it.
            rt.sendAfter(p.ref(), "marker", Duration.ofMillis(1100));
            eventually().until(() -> p.ev().infos.contains("marker"));
            assertThat(p.ev().infos).containsExactly("marker");
        }

        @Test
        @DisplayName("cancel after it fired returns 'not found' (empty)")
        void cancelAfterFired() {
            P p = probe("p");
            TimerRef timer = rt.sendAfter(p.ref(), "fired", Duration.ofMillis(1));
            eventually().until(() -> p.ev().infos.contains("fired"));
            assertThat(timer.cancel()).isEmpty();
            assertThat(timer.remaining()).isEmpty();
        }

        @Test
        @DisplayName("a timer to a server that died is dropped as a dead letter, not delivered to a successor")
        void timerToDeadServerDropped() {
            P p = probe("p");
            CompletableFuture<DeadLetter> dropped = new CompletableFuture<>();
            List<DeadLetter> letters = new CopyOnWriteArrayList<>();
            rt.onDeadLetter(l -> {
                letters.add(l);
                if ("late".equals(l.message())) {
                    dropped.complete(l);
                }
            });
            rt.sendAfter(p.ref(), "late", Duration.ofMillis(200));
            p.run(ctx -> ctx.sendAfter("late", Duration.ofMillis(200)));
            p.ref().stop();
            P successor = probe("p");

            assertThat(dropped).succeedsWithin(AWAIT).satisfies(l -> assertThat(l.server()).isSameAs(p.ref()));
            eventually().until(() -> letters.stream().filter(l -> "late".equals(l.message())).count() == 2);
            successor.barrier();
            assertThat(successor.ev().infos).isEmpty();
            assertThat(p.ev().infos).isEmpty();
        }

        @Test
        @DisplayName("a timer to a server that is already dead is dropped")
        void timerToAlreadyDeadServer() {
            P p = probe("p");
            p.ref().stop();
            CompletableFuture<DeadLetter> dropped = new CompletableFuture<>();
            rt.onDeadLetter(l -> {
                if ("nobody".equals(l.message())) {
                    dropped.complete(l);
                }
            });
            rt.sendAfter(p.ref(), "nobody", Duration.ofMillis(1));
            assertThat(dropped).succeedsWithin(AWAIT);
        }
    }
}
