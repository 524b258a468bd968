package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.AWAIT;
import static dev.genserver.process.conformance.ConformanceFixtures.LONG;
import static dev.genserver.process.conformance.ConformanceFixtures.background;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.failedNow;
import static dev.genserver.process.conformance.ConformanceFixtures.startRecorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.process.DeadLetter;
import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.Down;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ExitSignal;
import dev.genserver.process.MailboxFullException;
import dev.genserver.process.MailboxOptions;
import dev.genserver.process.OverflowPolicy;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.process.conformance.ConformanceFixtures.Add;
import dev.genserver.process.conformance.ConformanceFixtures.Background;
import dev.genserver.process.conformance.ConformanceFixtures.Block;
import dev.genserver.process.conformance.ConformanceFixtures.Crash;
import dev.genserver.process.conformance.ConformanceFixtures.Events;
import dev.genserver.process.conformance.ConformanceFixtures.Get;
import dev.genserver.process.conformance.ConformanceFixtures.WithCtx;
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

@DisplayName("contract §7 Mailbox bounds")
class S7BoundedMailboxTest extends ConformanceTest {

    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listenForDeadLetters() {
        rt.onDeadLetter(letters::add);
    }

    /** Starts a probe with this mailbox and holds it in a handler, so that the mailbox only fills. */
    private ServerRef startHeld(String name, MailboxOptions mailbox, Block held) {
        ServerRef ref = startRecorder(rt, ev, StartOptions.named(name).withMailbox(mailbox));
        ref.cast(held);
        held.awaitEntered();
        return ref;
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    private static MailboxOptions options(OverflowPolicy policy, int capacity) {
        return policy == OverflowPolicy.BLOCK ? MailboxOptions.blocking(capacity, Duration.ofSeconds(60))
                : MailboxOptions.bounded(capacity, policy);
    }

    @Nested
    @DisplayName("contract §7.1 Unbounded by default")
    class UnboundedByDefault {

        @Test
        @DisplayName("10 000 queued casts are all accepted and all handled")
        void unbounded() {
            Block b = blocks.create();
            ServerRef ref = startRecorder(rt, ev);
            assertThat(rt.servers()).contains(ref);
            ref.cast(b);
            b.awaitEntered();
            for (int i = 0; i < 10_000; i++) {
                ref.cast(new Add(1));
            }
            assertThat(ref.info().mailboxLength()).isEqualTo(10_000);
            b.release();
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(10_000);
            assertThat(rt.deadLetters()).isZero();
        }
    }

    @Nested
    @DisplayName("contract §7.2 reject: the sender gets a 'mailbox full' exception; a call fails at once")
    class Reject {

        @Test
        @DisplayName("casts and sends past the capacity throw MailboxFullException naming the server")
        void castsRejected() {
            Block b = blocks.create();
            ServerRef ref = startHeld("s7-reject", MailboxOptions.bounded(2, OverflowPolicy.REJECT), b);
            ref.cast(new Add(1));
            ref.send(new Add(2));
            assertThatThrownBy(() -> ref.cast(new Add(3))).isInstanceOfSatisfying(MailboxFullException.class,
                    e -> {
                        assertThat(e.server()).isEqualTo("s7-reject");
                        assertThat(e.messageType()).isEqualTo(Add.class.getName());
                    });
            assertThatThrownBy(() -> ref.send(new Add(4))).isInstanceOf(MailboxFullException.class);
            assertThat(ref.info().mailboxLength()).isEqualTo(2);

            b.release();
            eventually().until(() -> ref.info().mailboxLength() == 0);
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(3);
            assertThat(ev.handled).containsExactly(b, new Add(1), new Add(2), new Get());
        }

        @Test
        @DisplayName("a call to a full mailbox fails at once with MailboxFullException, not after its timeout")
        void callFailsAtOnce() {
            Block b = blocks.create();
            ServerRef ref = startHeld("s7-reject-call", MailboxOptions.bounded(1, OverflowPolicy.REJECT), b);
            ref.cast(new Add(1));
            long start = System.nanoTime();
            assertThatThrownBy(() -> ref.call(new Get(), LONG)).isInstanceOf(MailboxFullException.class);
            assertThat(millisSince(start)).isLessThan(AWAIT.toMillis());
            CompletableFuture<Integer> async = ref.callAsync(new Get(), LONG);
            assertThat(failedNow(async)).isInstanceOf(MailboxFullException.class);
            b.release();
            eventually().until(() -> ref.info().mailboxLength() == 0);
            assertThat(ref.<Integer>call(new Get(), LONG)).as("room again once handled").isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("contract §7.3 drop newest (dropped ones counted as dead letters)")
    class DropNewest {

        @Test
        @DisplayName("what does not fit is dropped and counted; a dropped call's caller gets MailboxFull at once")
        void dropNewest() {
            Block b = blocks.create();
            ServerRef ref = startHeld("s7-drop-newest", MailboxOptions.bounded(2, OverflowPolicy.DROP_NEWEST), b);
            ref.cast(new Add(1));
            ref.cast(new Add(2));
            ref.cast(new Add(3));
            ref.send(new Add(4));
            assertThatThrownBy(() -> ref.call(new Get(), LONG)).isInstanceOf(MailboxFullException.class);
            CompletableFuture<Integer> async = ref.callAsync(new Get(), LONG);
            assertThat(failedNow(async)).isInstanceOf(MailboxFullException.class);

            assertThat(ref.info().deadLetters()).isEqualTo(2);
            assertThat(rt.deadLetters()).isEqualTo(2);
            assertThat(letters).extracting(DeadLetter::message).containsExactly(new Add(3), new Add(4));

            b.release();
            eventually().until(() -> ref.info().mailboxLength() == 0);
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(3);
            assertThat(ev.handled).containsExactly(b, new Add(1), new Add(2), new Get());
        }
    }

    @Nested
    @DisplayName("contract §7.4 drop oldest (dropped ones counted as dead letters)")
    class DropOldest {

        @Test
        @DisplayName("the oldest queued message makes room and is counted; a dropped call's caller gets MailboxFull")
        void dropOldest() {
            Block b = blocks.create();
            ServerRef ref = startHeld("s7-drop-oldest", MailboxOptions.bounded(2, OverflowPolicy.DROP_OLDEST), b);
            ref.cast(new Add(1));
            CompletableFuture<Integer> dropped = ref.callAsync(new Add(10), LONG);
            ref.cast(new Add(100));   // evicts Add(1)
            assertThat(dropped).isNotDone();
            ref.send(new Add(1000));  // evicts the call
            assertThat(failedNow(dropped)).isInstanceOf(MailboxFullException.class);

            assertThat(ref.info().deadLetters()).isEqualTo(1);
            assertThat(letters).extracting(DeadLetter::message).containsExactly(new Add(1));

            b.release();
            eventually().until(() -> ref.info().mailboxLength() == 0);
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(1100);
            assertThat(ev.handled).containsExactly(b, new Add(100), new Add(1000), new Get());
        }

        @Test
        @DisplayName("a long flood keeps the newest messages; every evicted call is answered with its sender's interceptor token")
        void floodKeepsNewestAndTokens() {
            java.util.Map<Object, Object> completedTokens = new java.util.concurrent.ConcurrentHashMap<>();
            rt.addInterceptor(new HandlerInterceptor() {
                @Override
                public Object enqueued(ServerRef server, Kind kind, Object message) {
                    return "token-of-" + message;
                }

                @Override
                public void callCompleted(ServerRef server, Object request, Object token, CallOutcome outcome,
                        Throwable failure) {
                    completedTokens.put(request, token);
                }
            });
            Block b = blocks.create();
            ServerRef ref = startHeld("s7-drop-oldest-flood", MailboxOptions.bounded(3, OverflowPolicy.DROP_OLDEST), b);
            List<CompletableFuture<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 1; i <= 2_003; i++) {
                if (i % 100 == 0) {
                    calls.add(ref.callAsync(new Add(-i), LONG));
                } else {
                    ref.cast(new Add(i));
                }
            }
            assertThat(ref.info().mailboxLength()).isEqualTo(3);
            for (CompletableFuture<Integer> call : calls) {
                assertThat(failedNow(call)).isInstanceOf(MailboxFullException.class);
            }
            for (int i = 100; i <= 2_000; i += 100) {
                assertThat(completedTokens).containsEntry(new Add(-i), "token-of-" + new Add(-i));
            }

            b.release();
            eventually().until(() -> ref.info().mailboxLength() == 0);
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(2001 + 2002 + 2003);
            assertThat(ev.handled).containsExactly(b, new Add(2001), new Add(2002), new Add(2003), new Get());
        }
    }

    @Nested
    @DisplayName("contract §7.5 block the sender up to a timeout")
    class BlockPolicy {

        @Test
        @DisplayName("a cast into a full mailbox waits the block timeout, then MailboxFullException")
        void castBlocksThenFails() {
            Block b = blocks.create();
            ServerRef ref = startHeld("s7-block", MailboxOptions.blocking(1, Duration.ofMillis(300)), b);
            ref.cast(new Add(1));
            long start = System.nanoTime();
            assertThatThrownBy(() -> ref.cast(new Add(2))).isInstanceOf(MailboxFullException.class);
            assertThat(millisSince(start)).isBetween(290L, AWAIT.toMillis());
        }

        @Test
        @DisplayName("a call into a full mailbox waits the block timeout, then MailboxFullException")
        void callBlocksThenFails() {
            Block b = blocks.create();
            ServerRef ref = startHeld("s7-block-call", MailboxOptions.blocking(1, Duration.ofMillis(300)), b);
            ref.cast(new Add(1));
            long start = System.nanoTime();
            assertThatThrownBy(() -> ref.call(new Get(), LONG)).isInstanceOf(MailboxFullException.class);
            assertThat(millisSince(start)).isBetween(290L, AWAIT.toMillis());
        }

        @Test
        @DisplayName("a blocked sender is let in as soon as room frees, and its message is handled in order")
        void unblocksWhenRoomFrees() {
            Block b = blocks.create();
            ServerRef ref = startHeld("s7-block-room", MailboxOptions.blocking(1, Duration.ofSeconds(60)), b);
            ref.cast(new Add(1));
            Background<Void> caster = background("s7-caster", () -> ref.cast(new Add(2))).awaitParked();
            assertThat(caster.result()).as("the sender waits for room").isNotDone();

            b.release();
            assertThat(caster.result()).succeedsWithin(AWAIT);
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(3);
            assertThat(ev.handled.subList(0, 3)).containsExactly(b, new Add(1), new Add(2));
        }
    }

    @Nested
    @DisplayName("contract §7.6 A bounded mailbox must never wedge a call that is waiting for a reply"
            + " (nor refuse Down, ExitSignal or inspection)")
    class NeverWedges {

        @ParameterizedTest(name = "{0}: a server with a full mailbox still gets the reply to its own call")
        @EnumSource(OverflowPolicy.class)
        void replyBypassesFullMailbox(OverflowPolicy policy) {
            Events bEvents = new Events();
            ServerRef b = startRecorder(rt, bEvents, StartOptions.named("s7-b"));
            ServerRef a = startRecorder(rt, ev, StartOptions.named("s7-a").withMailbox(options(policy, 1)));
            Block bHeld = blocks.create();

            // a calls b; b holds the reply until a's mailbox is full.
            CompletableFuture<Object> viaA = a.callAsync(new WithCtx(ctx -> b.call(bHeld, LONG)), LONG);
            bHeld.awaitEntered();
            a.cast(new Add(1));
            assertThat(a.info().mailboxLength()).isEqualTo(1);
            bHeld.release();

            assertThat(viaA).succeedsWithin(AWAIT).isEqualTo("unblocked");
            eventually().until(() -> a.info().mailboxLength() == 0);
            assertThat(a.<Integer>call(new Get(), LONG)).isEqualTo(1);
        }

        @Test
        @DisplayName("inspection, suspend/resume and stop work on a full mailbox")
        void inspectionOnFullMailbox() {
            ServerRef ref = startRecorder(rt, ev, StartOptions.named("s7-full-inspect")
                    .withMailbox(MailboxOptions.bounded(1, OverflowPolicy.REJECT)));
            ref.suspend();
            ref.cast(new Add(5));
            assertThatThrownBy(() -> ref.cast(new Add(6))).isInstanceOf(MailboxFullException.class);
            assertThat(ref.<Integer>getState()).isZero();
            assertThat(ref.info().mailboxLength()).isEqualTo(1);
            ref.resume();
            // The queued cast still fills the only slot until the resumed server handles it.
            org.awaitility.Awaitility.await().atMost(AWAIT).until(() -> ref.info().mailboxLength() == 0);
            assertThat(ref.<Integer>call(new Get(), LONG)).isEqualTo(5);
            ref.suspend();
            ref.cast(new Add(1));
            ref.stop();
            assertThat(ref.isAlive()).isFalse();
        }

        @ParameterizedTest(name = "{0}: a Down arrives even though the mailbox is full")
        @EnumSource(OverflowPolicy.class)
        void downNeverRefused(OverflowPolicy policy) {
            ServerRef target = startRecorder(rt, new Events(), StartOptions.named("s7-target"));
            ServerRef watcher = startRecorder(rt, ev, StartOptions.named("s7-watcher").withMailbox(options(policy, 1)));
            watcher.call(new WithCtx(ctx -> ctx.monitor(target)), LONG);
            Block b = blocks.create();
            watcher.cast(b);
            b.awaitEntered();
            watcher.cast(new Add(1));

            CompletableFuture<ExitReason> exit = target.onExit();
            Background<Void> crasher = background("s7-crasher", () -> target.cast(new Crash("target died")));
            assertThat(crasher.result()).succeedsWithin(AWAIT);
            assertThat(exit).as("the dying server is not wedged by the full watcher").succeedsWithin(AWAIT);

            b.release();
            eventually().until(() -> ev.infosOf(Down.class).size() == 1);
            assertThat((Down) ev.infosOf(Down.class).getFirst()).satisfies(d -> {
                assertThat(d.server()).isSameAs(target);
                assertThat(d.reason()).isInstanceOf(ExitReason.Crash.class);
            });
        }

        @ParameterizedTest(name = "{0}: an ExitSignal arrives even though the mailbox is full")
        @EnumSource(OverflowPolicy.class)
        void exitSignalNeverRefused(OverflowPolicy policy) {
            ev.trapExits = true;
            ServerRef target = startRecorder(rt, new Events(), StartOptions.named("s7-linked"));
            ServerRef trapper = startRecorder(rt, ev, StartOptions.named("s7-trapper").withMailbox(options(policy, 1)));
            trapper.call(new WithCtx(ctx -> {
                ctx.link(target);
                return null;
            }), LONG);
            Block b = blocks.create();
            trapper.cast(b);
            b.awaitEntered();
            trapper.cast(new Add(1));

            CompletableFuture<ExitReason> exit = target.onExit();
            target.cast(new Crash("linked died"));
            assertThat(exit).succeedsWithin(AWAIT);

            b.release();
            eventually().until(() -> ev.infosOf(ExitSignal.class).size() == 1);
            assertThat(trapper.isAlive()).isTrue();
        }

        @Test
        @DisplayName("drop oldest never evicts a queued Down to make room for user messages")
        void dropOldestKeepsDown() {
            ServerRef target = startRecorder(rt, new Events(), StartOptions.named("s7-target"));
            ServerRef watcher = startRecorder(rt, ev, StartOptions.named("s7-watcher")
                    .withMailbox(MailboxOptions.bounded(2, OverflowPolicy.DROP_OLDEST)));
            watcher.call(new WithCtx(ctx -> ctx.monitor(target)), LONG);
            Block b = blocks.create();
            watcher.cast(b);
            b.awaitEntered();
            target.stop(ExitReason.error("gone"), AWAIT);   // the Down is now queued
            for (int i = 0; i < 3; i++) {
                watcher.cast(new Add(1));
            }
            b.release();
            eventually().until(() -> watcher.info().mailboxLength() == 0);
            int handledAdds = watcher.<Integer>getState();
            long droppedAdds = letters.stream().filter(l -> l.message() instanceof Add).count();
            assertThat(handledAdds + droppedAdds).as("every Add handled or dead-lettered once").isEqualTo(3);
            assertThat(ev.infosOf(Down.class)).as("the Down was not evicted; dead letters: %s", letters).hasSize(1);
        }

        @Test
        @DisplayName("a timer message that a full mailbox refuses is counted as a dead letter, never lost silently")
        void refusedTimerIsDeadLetter() {
            Block b = blocks.create();
            ServerRef ref = startHeld("s7-timer", MailboxOptions.bounded(1, OverflowPolicy.REJECT), b);
            ref.cast(new Add(1));
            CompletableFuture<DeadLetter> letter = new CompletableFuture<>();
            rt.onDeadLetter(l -> {
                if ("tick".equals(l.message())) {
                    letter.complete(l);
                }
            });
            rt.sendAfter(ref, "tick", Duration.ofMillis(10));
            assertThat(letter).succeedsWithin(AWAIT);
            assertThat(ref.info().deadLetters()).isEqualTo(1);
        }
    }
}
