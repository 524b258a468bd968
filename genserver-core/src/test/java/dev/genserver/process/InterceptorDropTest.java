package dev.genserver.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("contract §7.7 and §6.3: every interceptor token comes back once (dropped); every server closes once (closed)")
class InterceptorDropTest {

    private static final Duration AWAIT = Duration.ofSeconds(10);

    record Msg(String name) {}

    record Crash() {}

    /** Blocks the handler until released, so that the mailbox only fills. */
    static final class Hold {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void awaitEntered() throws InterruptedException {
            assertThat(entered.await(AWAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Counts what it handles; holds on a Hold, crashes on a Crash. */
    static final class Worker implements GenServer<Integer> {
        @Override
        public Init<Integer> init(ServerContext ctx) {
            return Init.ok(0);
        }

        @Override
        public Result<Integer> handleCall(Object request, ReplyTo from, Integer handled) {
            return Result.reply(handled, handled);
        }

        @Override
        public Result<Integer> handleCast(Object message, Integer handled) {
            switch (message) {
                case Hold h -> {
                    h.entered.countDown();
                    try {
                        h.release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case Crash c -> throw new IllegalStateException("boom");
                default -> {
                }
            }
            return Result.noReply(handled + 1);
        }
    }

    /** Gives every message a token of its own and records where each token came back. */
    static final class Recorder implements HandlerInterceptor {
        final Map<Object, Object> tokens = new ConcurrentHashMap<>();
        final List<Object> taken = new CopyOnWriteArrayList<>();
        final List<Object> dropped = new CopyOnWriteArrayList<>();
        final List<String> why = new CopyOnWriteArrayList<>();

        @Override
        public Object enqueued(ServerRef server, Kind kind, Object message) {
            if (message instanceof Hold) {
                return null;
            }
            Object token = new Object();
            tokens.put(token, message);
            return token;
        }

        @Override
        public Scope beforeHandle(ServerRef server, Kind kind, Object message, Object token) {
            if (token != null) {
                taken.add(tokens.get(token));
            }
            return Scope.NOOP;
        }

        @Override
        public void callSkipped(ServerRef server, Object request, Object token) {
            taken.add(tokens.get(token));
        }

        @Override
        public void dropped(ServerRef server, Kind kind, Object message, Object token, String why) {
            assertThat(tokens.get(token)).isSameAs(message);
            dropped.add(message);
            this.why.add(why);
        }

        /** Every token came back exactly once, to beforeHandle/callSkipped or to dropped. */
        void assertEveryTokenBackOnce() {
            await().atMost(AWAIT).untilAsserted(() -> {
                List<Object> back = new java.util.ArrayList<>(taken);
                back.addAll(dropped);
                assertThat(back).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(tokens.values());
            });
        }
    }

    /** Records the closes. */
    static final class Closes implements ProcessListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void exited(ServerRef server, ExitReason reason) {
            events.add("exited " + server.displayName());
        }

        @Override
        public void closed(ServerRef server, ExitReason reason) {
            events.add("closed " + server.displayName() + " " + reason);
        }
    }

    private ProcessRuntime rt;
    private final Recorder recorder = new Recorder();
    private final Closes closes = new Closes();
    private final List<Hold> holds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        rt = ProcessRuntime.create();
        rt.addInterceptor(recorder);
        rt.addListener(closes);
    }

    @AfterEach
    void close() {
        holds.forEach(h -> h.release.countDown());
        rt.close();
    }

    private ServerRef held(StartOptions options, Hold hold) throws InterruptedException {
        ServerRef ref = rt.start(Worker::new, options).ref();
        holds.add(hold);
        ref.cast(hold);
        hold.awaitEntered();
        return ref;
    }

    private ServerRef held(StartOptions options) throws InterruptedException {
        return held(options, new Hold());
    }

    @Test
    @DisplayName("a message sent and handled is never dropped")
    void happyPath() {
        ServerRef ref = rt.start(Worker::new).ref();
        Msg a = new Msg("a");
        ref.cast(a);
        assertThat(ref.<Integer>call("count", AWAIT)).isEqualTo(1);
        assertThat(recorder.dropped).isEmpty();
        assertThat(recorder.taken).containsExactly(a, "count");
    }

    @Test
    @DisplayName("REJECT: the refused message is dropped, once")
    void reject() throws InterruptedException {
        Hold hold = new Hold();
        ServerRef ref = held(StartOptions.named("reject").withMailbox(MailboxOptions.bounded(1, OverflowPolicy.REJECT)),
                hold);
        Msg a = new Msg("a");
        Msg b = new Msg("b");
        ref.cast(a);
        assertThatThrownBy(() -> ref.cast(b)).isInstanceOf(MailboxFullException.class);
        assertThat(recorder.dropped).containsExactly(b);
        assertThat(recorder.why).containsExactly("mailbox full, refused");
        hold.release.countDown();
        recorder.assertEveryTokenBackOnce();
        assertThat(recorder.taken).containsExactly(a);
    }

    @Test
    @DisplayName("DROP_NEWEST: the newcomer is dropped")
    void dropNewest() throws InterruptedException {
        Hold hold = new Hold();
        ServerRef ref = held(StartOptions.defaults().withMailbox(MailboxOptions.bounded(1, OverflowPolicy.DROP_NEWEST)),
                hold);
        Msg a = new Msg("a");
        Msg b = new Msg("b");
        ref.cast(a);
        ref.send(b);
        assertThat(recorder.dropped).containsExactly(b);
        hold.release.countDown();
        recorder.assertEveryTokenBackOnce();
        assertThat(recorder.taken).containsExactly(a);
    }

    @Test
    @DisplayName("DROP_OLDEST: the evicted message is dropped, with the token it was sent with")
    void dropOldest() throws InterruptedException {
        Hold hold = new Hold();
        ServerRef ref = held(StartOptions.defaults().withMailbox(MailboxOptions.bounded(1, OverflowPolicy.DROP_OLDEST)),
                hold);
        Msg a = new Msg("a");
        Msg b = new Msg("b");
        ref.cast(a);
        ref.cast(b);
        assertThat(recorder.dropped).containsExactly(a);
        assertThat(recorder.why).containsExactly("mailbox full, dropped oldest");
        hold.release.countDown();
        recorder.assertEveryTokenBackOnce();
        assertThat(recorder.taken).containsExactly(b);
    }

    @Test
    @DisplayName("BLOCK: a message that found no room within the timeout is dropped")
    void blockTimeout() throws InterruptedException {
        Hold hold = new Hold();
        ServerRef ref = held(StartOptions.defaults().withMailbox(MailboxOptions.blocking(1, Duration.ofMillis(20))), hold);
        Msg a = new Msg("a");
        Msg b = new Msg("b");
        ref.cast(a);
        assertThatThrownBy(() -> ref.cast(b)).isInstanceOf(MailboxFullException.class);
        assertThat(recorder.dropped).containsExactly(b);
        hold.release.countDown();
        recorder.assertEveryTokenBackOnce();
        assertThat(recorder.taken).containsExactly(a);
    }

    @Test
    @DisplayName("MailboxOnCrash.DROP: what was queued at the crash is dropped, calls included")
    void droppedAtCrash() throws InterruptedException {
        Hold hold = new Hold();
        ServerRef ref = held(SupervisionForTests.restartable(StartOptions.defaults())
                .withMailboxOnCrash(MailboxOnCrash.DROP), hold);
        ref.cast(new Crash());
        Msg a = new Msg("a");
        ref.cast(a);
        CompletableFuture<Integer> call = ref.callAsync("count", AWAIT);
        hold.release.countDown();
        await().atMost(AWAIT).until(() -> ref.info().status() == ServerStatus.RESTARTING);
        assertThat(call).failsWithin(AWAIT);
        assertThat(recorder.dropped).containsExactly(a, "count");
        recorder.assertEveryTokenBackOnce();
        assertThat(closes.events).as("restarting, not closed").noneMatch(e -> e.startsWith("closed"));
    }

    @Test
    @DisplayName("discarded by its supervisor: its queue is dropped, then it is closed, once")
    void discarded() throws InterruptedException {
        Hold hold = new Hold();
        ServerRef ref = held(SupervisionForTests.restartable(StartOptions.named("kept")), hold);
        ref.cast(new Crash());
        Msg a = new Msg("a");
        ref.cast(a);
        hold.release.countDown();
        await().atMost(AWAIT).until(() -> ref.info().status() == ServerStatus.RESTARTING);
        await().atMost(AWAIT).until(() -> closes.events.contains("exited kept")); // reported after the status
        assertThat(closes.events).containsExactly("exited kept");
        Msg b = new Msg("b");
        ref.cast(b);

        ExitReason gaveUp = ExitReason.shutdown("too many restarts");
        SupervisionForTests.discard(rt, ref, gaveUp);
        rt.close();

        assertThat(recorder.dropped).containsExactly(a, b);
        assertThat(recorder.why).allMatch(w -> w.startsWith("server stopped"));
        recorder.assertEveryTokenBackOnce();
        assertThat(closes.events).containsExactly("exited kept", "closed kept " + gaveUp);

        ref.cast(new Msg("late"));
        assertThat(recorder.dropped).as("a send to a closed server gets no token").hasSize(2);
    }

    @Test
    @DisplayName("a normal stop: closed once, after its exit")
    void stopped() {
        ServerRef ref = rt.start(Worker::new, StartOptions.named("stopper")).ref();
        ref.stop();
        // The listeners hear of the exit after stop returned (stop returns once the server is dead).
        await().atMost(AWAIT).until(() -> closes.events.size() == 2);
        rt.close();
        assertThat(closes.events).containsExactly("exited stopper", "closed stopper " + ExitReason.NORMAL);
    }

    @Test
    @DisplayName("the runtime closes a server waiting to be restarted: its queue is dropped, it is closed")
    void closedWithTheRuntime() throws InterruptedException {
        Hold hold = new Hold();
        ServerRef ref = held(SupervisionForTests.restartable(StartOptions.named("orphan")), hold);
        ref.cast(new Crash());
        Msg a = new Msg("a");
        ref.cast(a);
        hold.release.countDown();
        await().atMost(AWAIT).until(() -> closes.events.contains("exited orphan")); // reported after the status

        rt.close();

        assertThat(recorder.dropped).containsExactly(a);
        recorder.assertEveryTokenBackOnce();
        assertThat(closes.events).containsExactly("exited orphan", "closed orphan " + ExitReason.SHUTDOWN);
    }
}
