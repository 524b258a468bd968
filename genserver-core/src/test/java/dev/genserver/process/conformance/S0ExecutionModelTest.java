package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.AWAIT;
import static dev.genserver.process.conformance.ConformanceFixtures.assertStillPending;
import static dev.genserver.process.conformance.ConformanceFixtures.atOnce;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.get;
import static dev.genserver.process.conformance.ConformanceFixtures.inBackground;
import static dev.genserver.process.conformance.ConformanceFixtures.ok;
import static dev.genserver.process.conformance.ConformanceFixtures.platformThreadCount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.genserver.process.Down;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.process.StartFailedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import dev.genserver.process.SupervisionForTests;
import dev.genserver.process.conformance.ConformanceFixtures.Do;
import dev.genserver.process.conformance.ConformanceFixtures.Echo;
import dev.genserver.process.conformance.ConformanceFixtures.JournalEntry;
import dev.genserver.process.conformance.ConformanceFixtures.Gate;
import dev.genserver.process.conformance.ConformanceFixtures.Get;
import dev.genserver.process.conformance.ConformanceFixtures.Note;
import dev.genserver.process.conformance.ConformanceFixtures.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

@DisplayName("contract §0 Execution model")
class S0ExecutionModelTest extends ConformanceTest {

    static final ThreadLocal<String> CALLER_LOCAL = new ThreadLocal<>();
    static final InheritableThreadLocal<String> CALLER_INHERITABLE = new InheritableThreadLocal<>();
    static final String MDC_KEY = "conformance-request-id";

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §0.1 one mailbox, one state: handlers run one at a time, in mailbox order; "
            + "two messages from the same sender are handled in send order")
    class OneAtATimeInMailboxOrder {

        @Test
        @DisplayName("messages from one sender are handled in send order, whatever mix of call, cast and send")
        void oneSenderIsHandledInSendOrderAcrossKinds() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            int n = 300;
            List<CompletableFuture<Object>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String tag = String.valueOf(i);
                switch (i % 3) {
                    case 0 -> ref.cast(new Note(tag));
                    case 1 -> ref.send(new Note(tag));
                    default -> replies.add(ref.callAsync(new Do(tag, (from, s) -> Result.reply(tag, s)), AWAIT));
                }
            }
            assertThat(ref.<Object>call(new Get())).isEqualTo(0);
            for (CompletableFuture<Object> r : replies) {
                get(r);
            }

            List<String> events = probe.events();
            assertThat(events.getFirst()).isEqualTo("init");
            assertThat(events.getLast()).isEqualTo("call:get");
            List<String> handled = events.subList(1, events.size() - 1);
            List<String> expected = IntStream.range(0, n)
                    .mapToObj(i -> (i % 3 == 0 ? "cast:" : i % 3 == 1 ? "info:" : "call:") + i)
                    .toList();
            assertThat(handled).containsExactlyElementsOf(expected);
        }

        @Test
        @DisplayName("with several concurrent senders, each sender's messages are handled in its send order "
                + "and none is lost")
        void eachConcurrentSenderIsFifo() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            int senders = 6;
            int perSender = 400;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                done.add(inBackground(() -> {
                    go.await();
                    for (int k = 0; k < perSender; k++) {
                        Note note = new Note(sender + "-" + k);
                        if (k % 2 == 0) {
                            ref.cast(note);
                        } else {
                            ref.send(note);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (CompletableFuture<Void> d : done) {
                get(d);
            }
            ref.call(new Get()); // every sender finished before this call was sent

            Map<Integer, List<Integer>> bySender = new ConcurrentHashMap<>();
            for (String e : probe.events()) {
                if (e.startsWith("cast:") || e.startsWith("info:")) {
                    String[] parts = e.substring(5).split("-");
                    bySender.computeIfAbsent(Integer.parseInt(parts[0]), k -> new ArrayList<>())
                            .add(Integer.parseInt(parts[1]));
                }
            }
            assertThat(bySender).hasSize(senders);
            List<Integer> inOrder = IntStream.range(0, perSender).boxed().toList();
            bySender.forEach((sender, seq) ->
                    assertThat(seq).as("messages of sender %d", sender).containsExactlyElementsOf(inOrder));
        }

        @Test
        @DisplayName("a message a server sends just before it exits reaches the watcher before the 'down' of that "
                + "exit (same sender, send order)")
        void lastMessageBeforeDown() throws Throwable {
            Probe watcherProbe = new Probe();
            ServerRef watcher = start(watcherProbe);
            List<ServerRef> leavers = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                ServerRef leaver = start(new Probe());
                leavers.add(leaver);
                watcher.call(new Do("watch", (from, s) -> {
                    get(watcherProbe.context).monitor(leaver);
                    return Result.reply("ok", s);
                }));
                String farewell = "farewell-" + round;
                leaver.cast(new Do("leave", (from, s) -> {
                    watcher.send(new Note(farewell));
                    return Result.stop(ExitReason.NORMAL, s);
                }));
            }
            eventually().until(() -> watcherProbe.infoMessages.stream().filter(m -> m instanceof Down).count() == 20);

            List<Object> infos = watcherProbe.infoMessages;
            for (int round = 0; round < 20; round++) {
                long leaverId = leavers.get(round).id();
                int noteAt = infos.indexOf(new Note("farewell-" + round));
                int downAt = -1;
                for (int i = 0; i < infos.size(); i++) {
                    if (infos.get(i) instanceof Down d && d.server().id() == leaverId) {
                        downAt = i;
                    }
                }
                assertThat(noteAt).as("farewell of round %d received", round).isNotNegative();
                assertThat(downAt).as("down of round %d after its farewell", round).isGreaterThan(noteAt);
            }
        }

        @Test
        @DisplayName("handlers never overlap and every handler sees the state the previous one returned, "
                + "under concurrent calls, casts and sends")
        void handlersNeverOverlap() throws Throwable {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger maxInside = new AtomicInteger();
            ServerRef ref = rt.start(() -> new OverlapDetector(inside, maxInside)).ref();
            int threads = 4;
            int each = 250;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(inBackground(() -> {
                    go.await();
                    for (int k = 0; k < each; k++) {
                        switch (k % 3) {
                            case 0 -> ref.cast("inc");
                            case 1 -> ref.send("inc");
                            default -> ref.call("inc", AWAIT);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (CompletableFuture<Void> d : done) {
                get(d);
            }
            int total = ref.call("get", AWAIT);

            assertThat(total).as("increments seen by the state (a lost update means overlap)")
                    .isEqualTo(threads * each);
            assertThat(maxInside.get()).as("handlers running at the same time").isEqualTo(1);
        }

        @Test
        @DisplayName("a message is not handled while the previous handler is still running")
        void nextMessageWaitsForTheRunningHandler() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = start(probe);
            Gate entered = gate();
            Gate release = gate();
            ref.cast(new Do("first", (from, s) -> {
                entered.open();
                release.pass();
                return Result.noReply(s);
            }));
            entered.awaitOpen();
            CompletableFuture<Object> second = ref.callAsync(new Echo("second"), AWAIT);

            assertStillPending(second, Duration.ofMillis(200));
            assertThat(probe.events()).containsExactly("init", "cast:first");

            release.open();
            assertThat(get(second)).isEqualTo("second");
            assertThat(probe.events()).containsExactly("init", "cast:first", "call:echo");
        }
    }

    /** Counts how many of its handlers run at the same time; its state counts increments. */
    static final class OverlapDetector implements GenServer<Integer> {
        private final AtomicInteger inside;
        private final AtomicInteger maxInside;

        OverlapDetector(AtomicInteger inside, AtomicInteger maxInside) {
            this.inside = inside;
            this.maxInside = maxInside;
        }

        @Override
        public Init<Integer> init(ServerContext ctx) {
            return Init.ok(0);
        }

        private int enter(int n) {
            int now = inside.incrementAndGet();
            maxInside.accumulateAndGet(now, Math::max);
            for (int i = 0; i < 200; i++) {
                Thread.onSpinWait();
            }
            Thread.yield();
            inside.decrementAndGet();
            return n + 1;
        }

        @Override
        public Result<Integer> handleCall(Object request, ReplyTo from, Integer n) {
            if ("get".equals(request)) {
                return Result.reply(n, n);
            }
            int next = enter(n);
            return Result.reply(next, next);
        }

        @Override
        public Result<Integer> handleCast(Object message, Integer n) {
            return Result.noReply(enter(n));
        }

        @Override
        public Result<Integer> handleInfo(Object message, Integer n) {
            return Result.noReply(enter(n));
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §0.2 handlers run on the server's own execution context (virtual threads), "
            + "never on the caller's thread state")
    class OwnExecutionContext {

        @Test
        @DisplayName("init, handleCall, handleCast, handleInfo, handleContinue and terminate run on a virtual "
                + "thread that is not the caller's")
        void everyCallbackRunsOnAVirtualServerThread() throws Throwable {
            Probe probe = new Probe();
            ServerRef ref = rt.start(probe.factory(ctx -> ok(0).thenContinue(new Note("c")))).ref();
            ref.cast(new Note("x"));
            ref.send(new Note("y"));
            ref.call(new Get());
            ref.stop();

            assertThat(probe.events()).containsExactly("init", "continue:c", "cast:x", "info:y", "call:get",
                    "terminate");
            Thread caller = Thread.currentThread();
            for (JournalEntry e : probe.journal) {
                assertThat(e.thread().isVirtual()).as("%s runs on a virtual thread", e.what()).isTrue();
                assertThat(e.thread()).as("%s runs on a thread of its own", e.what()).isNotSameAs(caller);
            }
        }

        @Test
        @DisplayName("a caller's ThreadLocal, InheritableThreadLocal and logging MDC are not visible in init "
                + "or any handler")
        void callerThreadStateDoesNotLeak() throws Throwable {
            Map<String, List<String>> seen = new ConcurrentHashMap<>();
            MDC.put(MDC_KEY, "caller-mdc");
            CALLER_LOCAL.set("caller-local");
            CALLER_INHERITABLE.set("caller-inheritable");
            try {
                Probe probe = new Probe();
                ServerRef ref = rt.start(probe.factory(ctx -> {
                    seen.put("init", visibleContext());
                    return ok(0);
                })).ref();
                ref.call(new Do("call", (from, s) -> {
                    seen.put("call", visibleContext());
                    return Result.reply("ok", s);
                }));
                ref.cast(new Do("cast", (from, s) -> {
                    seen.put("cast", visibleContext());
                    return Result.noReply(s);
                }));
                ref.send(new Do("info", (from, s) -> {
                    seen.put("info", visibleContext());
                    return Result.noReply(s);
                }));
                ref.call(new Get());
            } finally {
                MDC.remove(MDC_KEY);
                CALLER_LOCAL.remove();
                CALLER_INHERITABLE.remove();
            }

            assertThat(seen).containsOnlyKeys("init", "call", "cast", "info");
            seen.forEach((where, values) ->
                    assertThat(values).as("caller context visible in %s", where).containsOnlyNulls());
        }

        @Test
        @DisplayName("a runtime created by a thread with an InheritableThreadLocal does not hand it to servers, "
                + "not even to handlers woken by its timers")
        void runtimeCreatorsInheritableStateDoesNotLeak() throws Throwable {
            Map<String, List<String>> seen = new ConcurrentHashMap<>();
            CALLER_INHERITABLE.set("creator");
            MDC.put(MDC_KEY, "creator-mdc");
            try (ProcessRuntime own = ProcessRuntime.create()) {
                Probe probe = new Probe();
                ServerRef ref = own.start(probe.factory(ctx -> {
                    seen.put("init", visibleContext());
                    return ok(0);
                })).ref();
                CompletableFuture<Void> timerHandled = new CompletableFuture<>();
                own.sendAfter(ref, new Do("timer", (from, s) -> {
                    seen.put("timer", visibleContext());
                    timerHandled.complete(null);
                    return Result.noReply(s);
                }), Duration.ofMillis(30));
                get(timerHandled);
            } finally {
                CALLER_INHERITABLE.remove();
                MDC.remove(MDC_KEY);
            }
            assertThat(seen.get("init")).containsOnlyNulls();
            assertThat(seen.get("timer")).containsOnlyNulls();
        }

        @Test
        @DisplayName("a server calling, casting to or starting another server does not leak its own thread "
                + "state into the other's handlers")
        void serverToServerDoesNotLeak() throws Throwable {
            Map<String, List<String>> seen = new ConcurrentHashMap<>();
            Probe calleeProbe = new Probe();
            ServerRef callee = start(calleeProbe);
            Probe callerProbe = new Probe();
            ServerRef caller = start(callerProbe);
            CompletableFuture<Void> castSeen = new CompletableFuture<>();

            Object reply = caller.call(new Do("leaky-handler", (from, s) -> {
                MDC.put(MDC_KEY, "server-a");
                CALLER_LOCAL.set("server-a");
                CALLER_INHERITABLE.set("server-a");
                try {
                    callee.call(new Do("callee-call", (f2, s2) -> {
                        seen.put("call", visibleContext());
                        return Result.reply("ok", s2);
                    }));
                    callee.cast(new Do("callee-cast", (f2, s2) -> {
                        seen.put("cast", visibleContext());
                        castSeen.complete(null);
                        return Result.noReply(s2);
                    }));
                    rt.start(new Probe().factory(ctx -> {
                        seen.put("started-init", visibleContext());
                        return ok(0);
                    }));
                    return Result.reply("done", s);
                } finally {
                    MDC.remove(MDC_KEY);
                    CALLER_LOCAL.remove();
                    CALLER_INHERITABLE.remove();
                }
            }), AWAIT);
            assertThat(reply).isEqualTo("done");
            get(castSeen);

            assertThat(seen).containsOnlyKeys("call", "cast", "started-init");
            seen.forEach((where, values) ->
                    assertThat(values).as("server A's context visible in %s", where).containsOnlyNulls());
        }
    }

    private static List<String> visibleContext() {
        return Arrays.asList(MDC.get(MDC_KEY), CALLER_LOCAL.get(), CALLER_INHERITABLE.get());
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §0.3 blocking inside a handler is allowed and does not starve other servers; "
            + "idle servers hold no threads")
    class BlockingAndIdleServers {

        @Test
        @DisplayName("200 servers parked inside handlers (on 2 cores) neither keep another server from "
                + "answering nor hold a platform thread each")
        void manyBlockedServersDoNotStarveOthers() throws Throwable {
            int n = 200;
            Gate release = gate();
            CountDownLatch entered = new CountDownLatch(n);
            List<Thread> blocked = new CopyOnWriteArrayList<>();
            ServerRef bystander = start(new Probe());
            int platformBefore = platformThreadCount();

            for (int i = 0; i < n; i++) {
                ServerRef r = start(new Probe());
                r.cast(new Do("block", (from, s) -> {
                    blocked.add(Thread.currentThread());
                    entered.countDown();
                    release.pass();
                    return Result.noReply(s);
                }));
            }
            assertThat(entered.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("all %d handlers entered", n).isTrue();
            eventually().alias("every blocked handler is parked").until(() -> blocked.stream()
                    .allMatch(t -> t.getState() == Thread.State.WAITING
                            || t.getState() == Thread.State.TIMED_WAITING));

            ServerRef newcomer = start(new Probe());
            assertThat(atOnce(() -> newcomer.<Object>call(new Echo("pong"), AWAIT))).isEqualTo("pong");
            assertThat(atOnce(() -> bystander.<Object>call(new Echo("pong"), AWAIT))).isEqualTo("pong");
            assertThat(platformThreadCount() - platformBefore)
                    .as("platform threads added while %d servers are blocked", n)
                    .isLessThan(n / 4);
            release.open();
        }

        @Test
        @DisplayName("servers blocked while holding a monitor (as JDBC drivers do) do not keep another server from "
                + "answering")
        void blockingInsideSynchronizedDoesNotStarveOthers() throws Throwable {
            int n = 16;
            Gate release = gate();
            CountDownLatch entered = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                Object driverLock = new Object();
                ServerRef r = start(new Probe());
                r.cast(new Do("jdbc-like", (from, s) -> {
                    synchronized (driverLock) {
                        entered.countDown();
                        release.pass();
                    }
                    return Result.noReply(s);
                }));
            }
            assertThat(entered.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("all %d handlers entered their monitor", n).isTrue();

            ServerRef other = start(new Probe());
            assertThat(atOnce(() -> other.<Object>call(new Echo("pong"), AWAIT))).isEqualTo("pong");
            release.open();
        }

        @Test
        @DisplayName("servers that are never idle (each floods itself with casts) do not keep an idle server from "
                + "answering, nor a new server from starting (contract §0.3, CPU-bound servers: an Elixir developer "
                + "expects preemption; the runtime yields every BATCH messages for this)")
        void floodingServersDoNotStarveOthers() throws Throwable {
            Duration bound = Duration.ofSeconds(5);
            ServerRef idle = start(new Probe());
            AtomicBoolean keepGoing = new AtomicBoolean(true);
            AtomicInteger handled = new AtomicInteger();
            List<ServerRef> flooders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                flooders.add(rt.start(() -> new SelfFlooder(keepGoing, handled)).ref());
            }
            boolean answered;
            boolean newcomerStarted;
            CompletableFuture<Object> answer;
            try {
                flooders.forEach(f -> f.cast("go"));
                eventually().until(() -> handled.get() > 10_000);

                answer = inBackground(() -> idle.call(new Echo("pong"), AWAIT));
                CompletableFuture<StartResult> newcomer = inBackground(() -> rt.start(new Probe().factory()));
                try {
                    CompletableFuture.allOf(answer, newcomer).get(bound.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWaiting) {
                    // reported below, for each of the two
                }
                answered = answer.isDone();
                newcomerStarted = newcomer.isDone();
            } finally {
                keepGoing.set(false); // stop the flood before asserting, so that the assertions get CPU
            }
            List<String> starved = new ArrayList<>();
            if (!answered) {
                starved.add("an idle server did not answer a call");
            }
            if (!newcomerStarted) {
                starved.add("a new server's start (init) did not complete");
            }
            assertThat(starved).as("within %s while 4 servers flood 2 cores", bound).isEmpty();
            assertThat(get(answer)).isEqualTo("pong");
        }

        @Test
        @DisplayName("servers blocked in socket reads (blocking I/O) do not keep another server from answering")
        void blockingIoDoesNotStarveOthers() throws Throwable {
            int n = 16;
            List<Socket> sockets = new ArrayList<>();
            try (ServerSocket listener = new ServerSocket(0, n, InetAddress.getLoopbackAddress())) {
                List<Socket> accepted = new ArrayList<>();
                List<Socket> clients = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                    clients.add(client);
                    accepted.add(listener.accept());
                }
                sockets.addAll(clients);
                sockets.addAll(accepted);
                cleanup(() -> {
                    for (Socket s : sockets) {
                        s.close();
                    }
                });
                CountDownLatch entered = new CountDownLatch(n);
                List<Thread> readers = new CopyOnWriteArrayList<>();
                AtomicInteger eofs = new AtomicInteger();
                for (int i = 0; i < n; i++) {
                    InputStream in = clients.get(i).getInputStream();
                    ServerRef r = start(new Probe());
                    r.cast(new Do("read", (from, s) -> {
                        readers.add(Thread.currentThread());
                        entered.countDown();
                        try {
                            if (in.read() < 0) {
                                eofs.incrementAndGet();
                            }
                        } catch (IOException closed) {
                            // the socket was closed after the test
                        }
                        return Result.noReply(s);
                    }));
                }
                assertThat(entered.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                eventually().alias("every reader is blocked in read").until(() -> readers.stream()
                        .allMatch(t -> t.getState() == Thread.State.WAITING
                                || t.getState() == Thread.State.TIMED_WAITING));

                ServerRef other = start(new Probe());
                assertThat(atOnce(() -> other.<Object>call(new Echo("still here"), AWAIT)))
                        .isEqualTo("still here");

                for (Socket s : accepted) {
                    s.shutdownOutput(); // EOF for the readers
                }
                eventually().until(() -> eofs.get() == n);
            }
        }

        @Test
        @DisplayName("10,000 idle servers hold no thread: the thread each one ran on ends once it is idle, "
                + "and platform threads do not grow with the number of servers")
        void idleServersHoldNoThread() throws Throwable {
            int n = 10_000;
            Thread[] initThreads = new Thread[n];
            Thread[] callThreads = new Thread[n];
            int platformBefore = platformThreadCount();
            List<ServerRef> refs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                refs.add(rt.start(() -> new Idle(index, initThreads, callThreads)).ref());
            }

            assertThat(rt.servers()).hasSize(n);
            eventually().alias("every init thread has ended").until(() ->
                    Arrays.stream(initThreads).allMatch(t -> t.getState() == Thread.State.TERMINATED));
            assertThat(platformThreadCount() - platformBefore)
                    .as("platform threads added by %d idle servers", n).isLessThan(100);

            // Each idle server still answers; the thread that answers ends as well afterwards.
            for (int i = 0; i < n; i += 100) {
                assertThat(refs.get(i).<Integer>call("who", AWAIT)).isEqualTo(i);
            }
            eventually().alias("every call thread has ended").until(() -> IntStream.range(0, n / 100)
                    .allMatch(k -> callThreads[k * 100].getState() == Thread.State.TERMINATED));
            for (int i = 0; i < n; i += 100) {
                assertThat(refs.get(i).isAlive()).isTrue();
            }
        }

        @Test
        @DisplayName("a server messaged again within a few milliseconds of its last message keeps its thread "
                + "(parked, for a grace period); once idle longer, that thread ends as well")
        void recentlyBusyServerKeepsItsThreadForAGracePeriod() throws Throwable {
            List<Thread> threads = new CopyOnWriteArrayList<>();
            ServerRef ref = rt.start(() -> new GenServer<Integer>() {
                @Override
                public Init<Integer> init(ServerContext ctx) {
                    return Init.ok(0);
                }

                @Override
                public Result<Integer> handleCall(Object request, ReplyTo from, Integer n) {
                    threads.add(Thread.currentThread());
                    return Result.reply(n, n + 1);
                }
            }).ref();
            // The pause between calls is the scenario: far longer than the spin after a message
            // (microseconds), well within the grace period. The first rounds teach the server
            // that its grace periods pay.
            int rounds = 64;
            for (int i = 0; i < rounds; i++) {
                assertThat(ref.<Integer>call("next", AWAIT)).isEqualTo(i);
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(300));
            }
            long reused = IntStream.range(1, rounds).filter(i -> threads.get(i) == threads.get(i - 1)).count();
            assertThat(reused).as("calls 300 µs apart that ran on the thread of the call before").isGreaterThan(0);

            Thread last = threads.get(rounds - 1);
            eventually().alias("the last call's thread ends once the server is idle").until(() ->
                    last.getState() == Thread.State.TERMINATED);
            assertThat(ref.<Integer>call("next", AWAIT)).isEqualTo(rounds);
        }
    }

    /** Casts to itself after every message for as long as it is told to: never idle. */
    static final class SelfFlooder implements GenServer<Integer> {
        private final AtomicBoolean keepGoing;
        private final AtomicInteger handled;
        private ServerRef self;

        SelfFlooder(AtomicBoolean keepGoing, AtomicInteger handled) {
            this.keepGoing = keepGoing;
            this.handled = handled;
        }

        @Override
        public Init<Integer> init(ServerContext ctx) {
            self = ctx.self();
            return Init.ok(0);
        }

        @Override
        public Result<Integer> handleCast(Object message, Integer n) {
            handled.incrementAndGet();
            if (keepGoing.get()) {
                self.cast(message);
            }
            return Result.noReply(n + 1);
        }
    }

    /** A minimal server that remembers the threads it ran on. */
    static final class Idle implements GenServer<Integer> {
        private final int index;
        private final Thread[] initThreads;
        private final Thread[] callThreads;

        Idle(int index, Thread[] initThreads, Thread[] callThreads) {
            this.index = index;
            this.initThreads = initThreads;
            this.callThreads = callThreads;
        }

        @Override
        public Init<Integer> init(ServerContext ctx) {
            initThreads[index] = Thread.currentThread();
            return Init.ok(index);
        }

        @Override
        public Result<Integer> handleCall(Object request, ReplyTo from, Integer state) {
            callThreads[index] = Thread.currentThread();
            return Result.reply(state, state);
        }
    }

    // ------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("contract §0.4 state lives in the server instance; a (re)start builds a fresh instance and runs init "
            + "again; a crashed instance is never reused")
    class FreshInstance {

        @Test
        @DisplayName("each start builds a new instance through the factory and runs init on it; "
                + "nothing carries over from the previous one")
        void everyStartBuildsAFreshInstance() throws Throwable {
            Probe probe = new Probe();
            Supplier<GenServer<?>> factory = probe.factory();
            ServerRef first = rt.start(factory, StartOptions.named("fresh")).ref();
            first.cast(new Do("set", (from, s) -> Result.noReply(7)));
            assertThat(first.<Object>call(new Get())).isEqualTo(7);
            first.stop();

            ServerRef second = rt.start(factory, StartOptions.named("fresh")).ref();
            assertThat(second.<Object>call(new Get())).as("state after a new start").isEqualTo(0);

            assertThat(probe.instances).hasValue(2);
            assertThat(probe.inits).hasValue(2);
            assertThat(probe.servers.get(1)).isNotSameAs(probe.servers.get(0));
            JournalEntry lastCall = probe.journal.getLast();
            assertThat(lastCall.what()).isEqualTo("call:get");
            assertThat(lastCall.instance()).as("instance that answered the second server").isEqualTo(2);
        }

        @Test
        @DisplayName("a restart after a crash builds a fresh instance, runs init again, and never hands another "
                + "message to the crashed instance")
        void restartBuildsAFreshInstance() throws Throwable {
            AtomicInteger created = new AtomicInteger();
            List<FieldCounter> instances = new CopyOnWriteArrayList<>();
            ServerRef ref = rt.start(() -> {
                FieldCounter c = new FieldCounter(created.incrementAndGet());
                instances.add(c);
                return c;
            }, SupervisionForTests.restartable(StartOptions.named("phoenix"))).ref();
            ref.cast("inc");
            ref.cast("inc");
            assertThat(ref.<Integer>call("count", AWAIT)).isEqualTo(2);

            ref.cast("crash");
            eventually().until(() -> ref.info().status() == ServerStatus.RESTARTING);
            FieldCounter crashed = instances.getFirst();
            int callbacksOfCrashed = crashed.callbacks.get();

            StartResult restarted = SupervisionForTests.restart(rt, ref);
            assertThat(restarted.isStarted()).isTrue();
            ref.cast("inc");
            assertThat(ref.<Integer>call("count", AWAIT)).as("count in the fresh instance").isEqualTo(1);
            assertThat(ref.<Integer>call("instance", AWAIT)).isEqualTo(2);

            assertThat(created).hasValue(2);
            assertThat(instances).hasSize(2);
            assertThat(instances.get(1)).isNotSameAs(crashed);
            assertThat(instances.get(1).inits.get()).isEqualTo(1);
            assertThat(crashed.callbacks.get()).as("callbacks of the crashed instance after its crash")
                    .isEqualTo(callbacksOfCrashed);
        }

        @Test
        @DisplayName("a factory that hands back the crashed instance is refused: the restart fails instead of "
                + "reusing it")
        void crashedInstanceNeverReused() throws Throwable {
            FieldCounter only = new FieldCounter(1);
            ServerRef ref = rt.start(() -> only, SupervisionForTests.restartable(StartOptions.named("recycler"))).ref();
            ref.cast("inc");
            ref.cast("crash");
            eventually().until(() -> ref.info().status() == ServerStatus.RESTARTING);

            Throwable thrown = catchThrowable(() -> SupervisionForTests.restart(rt, ref));

            assertThat(only.inits.get()).as("init runs on the crashed instance").isEqualTo(1);
            assertThat(thrown).as("restart with the crashed instance").isInstanceOf(StartFailedException.class);
        }
    }

    /** Keeps its state in an instance field (the server is its own state). */
    static final class FieldCounter implements GenServer<FieldCounter> {
        final int number;
        final AtomicInteger inits = new AtomicInteger();
        final AtomicInteger callbacks = new AtomicInteger();
        private int count;

        FieldCounter(int number) {
            this.number = number;
        }

        @Override
        public Init<FieldCounter> init(ServerContext ctx) {
            inits.incrementAndGet();
            callbacks.incrementAndGet();
            return Init.ok(this);
        }

        @Override
        public Result<FieldCounter> handleCall(Object request, ReplyTo from, FieldCounter self) {
            callbacks.incrementAndGet();
            return switch (String.valueOf(request)) {
                case "count" -> Result.reply(count, this);
                case "instance" -> Result.reply(number, this);
                default -> Result.unhandled(this);
            };
        }

        @Override
        public Result<FieldCounter> handleCast(Object message, FieldCounter self) {
            callbacks.incrementAndGet();
            if ("crash".equals(message)) {
                throw new IllegalStateException("crash on purpose");
            }
            count++;
            return Result.noReply(this);
        }

        @Override
        public void terminate(ExitReason reason, FieldCounter state) {
            callbacks.incrementAndGet();
        }
    }
}
