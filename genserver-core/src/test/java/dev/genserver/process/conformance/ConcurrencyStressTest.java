package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.AWAIT;
import static dev.genserver.process.conformance.ConformanceFixtures.LONG;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.process.DeadLetter;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.GenServerException;
import dev.genserver.process.Init;
import dev.genserver.process.MailboxOptions;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.OverflowPolicy;
import dev.genserver.process.ProcessListener;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.process.StartFailedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.SupervisionForTests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Invariants under load, on platform and virtual threads: no message lost or doubled, FIFO per
 * sender, every caller answered (a reply or an exception, never a hang), also while servers are
 * stopped, killed, crashed and restarted under the callers' feet. Each test is bounded to a few
 * seconds; a hang is detected by a bounded join and reported with the stuck threads' stacks.
 */
@DisplayName("Concurrency stress: contract §0 ordering, §2 every caller answered, §5/§6 stops and restarts, §7 bounds")
class ConcurrencyStressTest extends ConformanceTest {

    /** How long the disruptive tests keep disrupting. */
    private static final Duration RUN_FOR = Duration.ofMillis(1500);

    private final Queue<String> errors = new ConcurrentLinkedQueue<>();

    // ---- servers ----------------------------------------------------------------------------

    /** A message from {@code sender} carrying its per-(sender, server) sequence number, from 1. */
    record Seq(int sender, long seq) {
    }

    record Report() {
    }

    record Stats(long[] counts, List<String> violations, long total) {
    }

    /** Checks the order of every sender's messages; counts them. State: the instance itself. */
    static final class SeqServer implements GenServer<SeqServer> {
        private final long[] last;
        private final long[] counts;
        private final boolean gapsAllowed;
        private final List<String> violations = new ArrayList<>();
        private long total;

        SeqServer(int senders, boolean gapsAllowed) {
            this.last = new long[senders];
            this.counts = new long[senders];
            this.gapsAllowed = gapsAllowed;
        }

        @Override
        public Init<SeqServer> init(ServerContext ctx) {
            return Init.ok(this);
        }

        private void check(Seq s, String kind) {
            long prev = last[s.sender()];
            boolean ok = gapsAllowed ? s.seq() > prev : s.seq() == prev + 1;
            if (!ok && violations.size() < 20) {
                violations.add(kind + " from sender " + s.sender() + ": seq " + s.seq() + " after " + prev);
            }
            last[s.sender()] = Math.max(prev, s.seq());
            counts[s.sender()]++;
            total++;
        }

        @Override
        public Result<SeqServer> handleCall(Object request, ReplyTo from, SeqServer state) {
            if (request instanceof Seq s) {
                check(s, "call");
                return Result.reply(s.seq(), this);
            }
            if (request instanceof Report) {
                return Result.reply(new Stats(counts.clone(), List.copyOf(violations), total), this);
            }
            return Result.unhandled(this);
        }

        @Override
        public Result<SeqServer> handleCast(Object message, SeqServer state) {
            if (message instanceof Seq s) {
                check(s, "cast");
                return Result.noReply(this);
            }
            return Result.unhandled(this);
        }

        @Override
        public Result<SeqServer> handleInfo(Object message, SeqServer state) {
            if (message instanceof Seq s) {
                check(s, "info");
            }
            return Result.noReply(this);
        }
    }

    record Ping(long value) {
    }

    record CrashNow() {
    }

    /** Answers pings; crashes on request. Cheap, so that the races are tight. */
    static final class EchoServer implements GenServer<Long> {
        @Override
        public Init<Long> init(ServerContext ctx) {
            return Init.ok(0L);
        }

        @Override
        public Result<Long> handleCall(Object request, ReplyTo from, Long n) {
            if (request instanceof Ping(long value)) {
                if ((value & 7) == 0) {
                    Thread.yield(); // widen the window for a kill in the middle of a handler
                }
                return Result.reply(value, n + 1);
            }
            return Result.unhandled(n);
        }

        @Override
        public Result<Long> handleCast(Object message, Long n) {
            if (message instanceof CrashNow) {
                throw new IllegalStateException("crash on request");
            }
            return Result.noReply(n + 1);
        }

        @Override
        public Result<Long> handleInfo(Object message, Long n) {
            return Result.noReply(n + 1);
        }
    }

    // ---- a crowd of platform and virtual threads ---------------------------------------------

    interface Body {
        void run(int index) throws Exception;
    }

    /** Threads started together behind a gate; joined with a bound so that a hang fails the test. */
    final class Crowd {
        private final List<Thread> threads = new ArrayList<>();
        private final CountDownLatch gate = new CountDownLatch(1);

        Crowd(String name, int platform, int virtual, Body body) {
            for (int i = 0; i < platform + virtual; i++) {
                int index = i;
                Thread.Builder builder = i < platform ? Thread.ofPlatform().daemon(true) : Thread.ofVirtual();
                threads.add(builder.name(name + "-" + (i < platform ? "p" : "v") + i).unstarted(() -> {
                    try {
                        gate.await();
                        body.run(index);
                    } catch (Throwable t) {
                        errors.add(Thread.currentThread().getName() + " failed: " + t);
                    }
                }));
            }
            threads.forEach(Thread::start);
        }

        void go() {
            gate.countDown();
        }

        /** Joins every thread within the bound; returns a description of those that hung. */
        List<String> join(Duration bound) throws InterruptedException {
            return join(bound, index -> "");
        }

        /** As {@link #join(Duration)}, describing each hung thread with {@code context}. */
        List<String> join(Duration bound, java.util.function.IntFunction<String> context)
                throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            List<String> hung = new ArrayList<>();
            for (int index = 0; index < threads.size(); index++) {
                Thread t = threads.get(index);
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    t.join(Duration.ofNanos(left));
                }
                if (t.isAlive()) {
                    StringBuilder sb = new StringBuilder(t.getName()).append(" hung ")
                            .append(context.apply(index)).append(" at:");
                    for (StackTraceElement e : t.getStackTrace()) {
                        sb.append("\n    at ").append(e);
                    }
                    hung.add(sb.toString());
                }
            }
            threads.forEach(Thread::interrupt);
            return hung;
        }
    }

    private static boolean allowedCallFailure(Throwable t) {
        return t instanceof ServerStoppedException || t instanceof NoProcessException;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** What a hung caller was waiting for, for the failure message. */
    private static String describe(ServerRef ref) {
        if (ref == null) {
            return "";
        }
        var info = ref.info();
        return "calling " + ref.displayName() + " (alive=" + ref.isAlive() + ", status=" + info.status()
                + ", mailbox=" + info.mailboxLength() + ", lastCrash=" + info.lastCrash() + ")";
    }

    private static Stats report(ServerRef ref) {
        return ref.call(new Report(), LONG);
    }

    // ---- tests ------------------------------------------------------------------------------

    @Test
    @DisplayName("many servers × many callers (platform and virtual) mixing call/callAsync/cast/send:"
            + " no message lost or doubled, FIFO per sender, every call answered with its own reply")
    void manyCallersManyServers() throws Exception {
        int servers = 12;
        int platform = 6;
        int virtual = 26;
        int senders = platform + virtual;
        int perSender = 3_000;
        ServerRef[] refs = new ServerRef[servers];
        for (int s = 0; s < servers; s++) {
            refs[s] = rt.start(() -> new SeqServer(senders, false), StartOptions.named("seq-" + s)).ref();
        }
        long[][] sent = new long[senders][];
        Queue<Object[]> asyncs = new ConcurrentLinkedQueue<>();
        LongAdder calls = new LongAdder();

        Crowd crowd = new Crowd("sender", platform, virtual, me -> {
            Random r = new Random(me * 7919L + 1);
            long[] seq = new long[servers];
            for (int i = 0; i < perSender; i++) {
                int s = r.nextInt(servers);
                Seq m = new Seq(me, ++seq[s]);
                switch (r.nextInt(4)) {
                    case 0 -> {
                        long reply = refs[s].<Long>call(m, LONG);
                        calls.increment();
                        if (reply != m.seq()) {
                            errors.add("sender " + me + " got reply " + reply + " for " + m);
                        }
                    }
                    case 1 -> refs[s].cast(m);
                    case 2 -> refs[s].send(m);
                    default -> asyncs.add(new Object[] {refs[s].<Long>callAsync(m, LONG), m});
                }
            }
            sent[me] = seq;
        });
        crowd.go();
        assertThat(crowd.join(AWAIT.multipliedBy(3))).as("callers that never got an answer").isEmpty();
        assertThat(errors).isEmpty();

        for (Object[] a : asyncs) {
            @SuppressWarnings("unchecked")
            CompletableFuture<Long> f = (CompletableFuture<Long>) a[0];
            assertThat(f).succeedsWithin(AWAIT).isEqualTo(((Seq) a[1]).seq());
        }
        long expectedTotal = 0;
        for (int s = 0; s < servers; s++) {
            Stats stats = report(refs[s]);
            assertThat(stats.violations()).as("FIFO violations on server %d", s).isEmpty();
            for (int me = 0; me < senders; me++) {
                assertThat(stats.counts()[me]).as("messages from sender %d handled by server %d", me, s)
                        .isEqualTo(sent[me][s]);
            }
            expectedTotal += stats.total();
        }
        assertThat(expectedTotal).isEqualTo((long) senders * perSender);
        assertThat(calls.sum()).isPositive();
        assertThat(rt.deadLetters()).isZero();
    }

    @Test
    @DisplayName("2 000 virtual threads × 10 calls on one server: every call answered, none lost")
    void virtualThreadCrowdOnOneServer() throws Exception {
        ServerRef ref = rt.start(() -> new SeqServer(2_000, false)).ref();
        Crowd crowd = new Crowd("vcaller", 0, 2_000, me -> {
            for (int i = 1; i <= 10; i++) {
                long reply = ref.<Long>call(new Seq(me, i), LONG);
                if (reply != i) {
                    errors.add("caller " + me + " got " + reply + " for " + i);
                }
            }
        });
        crowd.go();
        assertThat(crowd.join(AWAIT.multipliedBy(3))).as("callers that never got an answer").isEmpty();
        assertThat(errors).isEmpty();
        Stats stats = report(ref);
        assertThat(stats.total()).isEqualTo(20_000);
        assertThat(stats.violations()).isEmpty();
    }

    @Test
    @DisplayName("callers racing with stops, kills, exit signals and crashes: every caller gets its reply or"
            + " ServerStopped/NoProcess, never a hang; casts and sends never throw")
    void callersRacingWithStopsAndKills() throws Exception {
        int slots = 8;
        AtomicReferenceArray<ServerRef> servers = new AtomicReferenceArray<>(slots);
        for (int i = 0; i < slots; i++) {
            servers.set(i, rt.start(EchoServer::new).ref());
        }
        AtomicBoolean done = new AtomicBoolean();
        Semaphore pace = new Semaphore(0);
        AtomicLong values = new AtomicLong();
        LongAdder replies = new LongAdder();
        LongAdder refused = new LongAdder();
        Queue<Object[]> asyncs = new ConcurrentLinkedQueue<>();

        AtomicReferenceArray<ServerRef> calling = new AtomicReferenceArray<>(16);
        Crowd callers = new Crowd("racer", 4, 12, me -> {
            Random r = new Random(me);
            int ops = 0;
            while (!done.get()) {
                ServerRef ref = servers.get(r.nextInt(slots));
                calling.set(me, ref);
                long v = values.incrementAndGet();
                switch (r.nextInt(5)) {
                    case 0, 1 -> {
                        try {
                            long reply = ref.<Long>call(new Ping(v), ServerRef.INFINITY);
                            if (reply != v) {
                                errors.add("got " + reply + " for " + v);
                            }
                            replies.increment();
                        } catch (GenServerException e) {
                            if (!allowedCallFailure(e)) {
                                errors.add("call failed with " + e);
                            }
                            refused.increment();
                        }
                    }
                    case 2 -> asyncs.add(new Object[] {ref.<Long>callAsync(new Ping(v), ServerRef.INFINITY), v});
                    case 3 -> ref.cast(new Ping(v));
                    default -> ref.send(new Ping(v));
                }
                if (++ops % 50 == 0) {
                    pace.release();
                }
            }
        });

        LongAdder disruptions = new LongAdder();
        Crowd disruptor = new Crowd("disruptor", 1, 0, me -> {
            Random r = new Random(42);
            long end = System.nanoTime() + RUN_FOR.toNanos();
            while (System.nanoTime() < end) {
                if (!pace.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int i = r.nextInt(slots);
                ServerRef old = servers.get(i);
                try {
                    switch (r.nextInt(6)) {
                        case 0 -> old.stop();
                        case 1 -> old.stop(ExitReason.SHUTDOWN, Duration.ofMillis(20));
                        case 2 -> rt.exit(old, ExitReason.KILL);
                        case 3 -> rt.exit(old, ExitReason.error("go away"));
                        case 4 -> old.cast(new CrashNow());
                        default -> {
                            rt.exit(old, ExitReason.KILL);
                            servers.set(i, rt.start(EchoServer::new).ref());
                            continue;
                        }
                    }
                } catch (NoProcessException alreadyGone) {
                    // it died of an earlier disruption
                }
                disruptions.increment();
                servers.set(i, rt.start(EchoServer::new).ref());
            }
        });
        callers.go();
        disruptor.go();
        assertThat(disruptor.join(AWAIT.plus(RUN_FOR))).isEmpty();
        done.set(true);
        assertThat(callers.join(AWAIT, me -> describe(calling.get(me))))
                .as("callers that never got an answer").isEmpty();

        int pendingAsync = 0;
        for (Object[] a : asyncs) {
            @SuppressWarnings("unchecked")
            CompletableFuture<Long> f = (CompletableFuture<Long>) a[0];
            try {
                Long reply = f.get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (reply != (long) a[1]) {
                    errors.add("async got " + reply + " for " + a[1]);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (!allowedCallFailure(unwrap(e.getCause()))) {
                    errors.add("async call failed with " + e.getCause());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                pendingAsync++;
            }
        }
        assertThat(pendingAsync).as("async calls never answered").isZero();
        assertThat(errors).isEmpty();
        assertThat(replies.sum()).isPositive();
        assertThat(disruptions.sum()).isPositive();
    }

    @Test
    @DisplayName("restartable servers crash-looping under load (supervised via restart/discard): every caller"
            + " answered, queued calls survive the restarts")
    void callersRacingWithRestarts() throws Exception {
        int count = 4;
        ServerRef[] refs = new ServerRef[count];
        LinkedBlockingQueue<ServerRef> toRestart = new LinkedBlockingQueue<>();
        AtomicBoolean supervising = new AtomicBoolean(true);
        rt.addListener(new ProcessListener() {
            @Override
            public void exited(ServerRef server, ExitReason reason) {
                if (supervising.get()) {
                    toRestart.add(server);
                }
            }
        });
        for (int i = 0; i < count; i++) {
            refs[i] = rt.start(EchoServer::new, SupervisionForTests.restartable(StartOptions.named("restartable-" + i))).ref();
        }
        LongAdder restarts = new LongAdder();
        Crowd supervisor = new Crowd("supervisor", 1, 0, me -> {
            while (supervising.get() || !toRestart.isEmpty()) {
                ServerRef ref = toRestart.poll(20, TimeUnit.MILLISECONDS);
                if (ref == null || !supervising.get()) {
                    continue;
                }
                try {
                    SupervisionForTests.restart(rt, ref);
                    restarts.increment();
                } catch (StartFailedException | IllegalStateException raced) {
                    // killed during init, or no longer waiting: the listener queues it again if needed
                }
            }
        });

        AtomicBoolean done = new AtomicBoolean();
        Semaphore pace = new Semaphore(0);
        AtomicLong values = new AtomicLong();
        LongAdder replies = new LongAdder();
        AtomicReferenceArray<ServerRef> calling = new AtomicReferenceArray<>(12);
        Crowd callers = new Crowd("caller", 3, 9, me -> {
            Random r = new Random(me);
            int ops = 0;
            while (!done.get()) {
                ServerRef ref = refs[r.nextInt(count)];
                calling.set(me, ref);
                long v = values.incrementAndGet();
                try {
                    long reply = ref.<Long>call(new Ping(v), ServerRef.INFINITY);
                    if (reply != v) {
                        errors.add("got " + reply + " for " + v);
                    }
                    replies.increment();
                } catch (ServerStoppedException inFlightWhenItDied) {
                    // the call being handled when the server crashed or was killed
                }
                if (++ops % 50 == 0) {
                    pace.release();
                }
            }
        });
        Crowd disruptor = new Crowd("disruptor", 1, 0, me -> {
            Random r = new Random(7);
            long end = System.nanoTime() + RUN_FOR.toNanos();
            while (System.nanoTime() < end) {
                if (!pace.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                ServerRef ref = refs[r.nextInt(count)];
                switch (r.nextInt(3)) {
                    case 0 -> ref.cast(new CrashNow());
                    case 1 -> rt.exit(ref, ExitReason.KILL);
                    default -> rt.exit(ref, ExitReason.error("go away"));
                }
            }
        });
        supervisor.go();
        callers.go();
        disruptor.go();
        assertThat(disruptor.join(AWAIT.plus(RUN_FOR))).isEmpty();
        done.set(true);
        List<String> hung = callers.join(AWAIT, me -> describe(calling.get(me)));
        supervising.set(false);
        assertThat(supervisor.join(AWAIT)).isEmpty();
        assertThat(hung).as("callers that never got an answer").isEmpty();
        assertThat(errors).isEmpty();
        assertThat(replies.sum()).isPositive();
        assertThat(restarts.sum()).isPositive();

        // The supervisor gives up: whatever is still queued is answered at once.
        for (ServerRef ref : refs) {
            eventually().until(() -> ref.info().status() == ServerStatus.RUNNING
                    || ref.info().status() == ServerStatus.RESTARTING);
            if (ref.info().status() == ServerStatus.RESTARTING) {
                SupervisionForTests.discard(rt, ref, ExitReason.SHUTDOWN);
            } else {
                ref.stop(ExitReason.SHUTDOWN, AWAIT);
            }
        }
    }

    @Test
    @DisplayName("a BLOCK-bounded mailbox under contention: every message accepted once, FIFO per sender")
    void blockingMailboxUnderContention() throws Exception {
        int platform = 4;
        int virtual = 8;
        int senders = platform + virtual;
        int perSender = 2_000;
        ServerRef ref = rt.start(() -> new SeqServer(senders, false), StartOptions.named("blocking")
                .withMailbox(MailboxOptions.blocking(8, AWAIT))).ref();
        Crowd crowd = new Crowd("blocked-sender", platform, virtual, me -> {
            for (int i = 1; i <= perSender; i++) {
                Seq m = new Seq(me, i);
                switch (i % 3) {
                    case 0 -> ref.cast(m);
                    case 1 -> ref.send(m);
                    default -> {
                        if (i % 10 == 2) {
                            ref.<Long>call(m, LONG);
                        } else {
                            ref.cast(m);
                        }
                    }
                }
            }
        });
        crowd.go();
        assertThat(crowd.join(AWAIT.multipliedBy(3))).as("senders that never got in").isEmpty();
        assertThat(errors).isEmpty();
        Stats stats = report(ref);
        assertThat(stats.violations()).isEmpty();
        assertThat(stats.total()).isEqualTo((long) senders * perSender);
        assertThat(stats.counts()).containsOnly(perSender);
        assertThat(rt.deadLetters()).isZero();
    }

    @Test
    @DisplayName("a DROP_OLDEST mailbox under contention: each message handled or dead-lettered exactly once,"
            + " never reordered")
    void dropOldestUnderContention() throws Exception {
        int platform = 4;
        int virtual = 4;
        int senders = platform + virtual;
        int perSender = 3_000;
        AtomicLongArray dropped = new AtomicLongArray(senders);
        rt.onDeadLetter((DeadLetter l) -> {
            if (l.message() instanceof Seq s) {
                dropped.incrementAndGet(s.sender());
            }
        });
        ServerRef ref = rt.start(() -> new SeqServer(senders, true), StartOptions.named("drop-oldest")
                .withMailbox(MailboxOptions.bounded(16, OverflowPolicy.DROP_OLDEST))).ref();
        Crowd crowd = new Crowd("dropping-sender", platform, virtual, me -> {
            for (int i = 1; i <= perSender; i++) {
                if (i % 2 == 0) {
                    ref.cast(new Seq(me, i));
                } else {
                    ref.send(new Seq(me, i));
                }
            }
        });
        crowd.go();
        assertThat(crowd.join(AWAIT.multipliedBy(3))).isEmpty();
        assertThat(errors).isEmpty();
        eventually().until(() -> ref.info().mailboxLength() == 0);
        Stats stats = report(ref);
        assertThat(stats.violations()).as("reordered or doubled").isEmpty();
        for (int me = 0; me < senders; me++) {
            assertThat(stats.counts()[me] + dropped.get(me)).as("sender %d: handled + dropped", me)
                    .isEqualTo(perSender);
        }
        assertThat(ref.info().deadLetters()).isEqualTo(rt.deadLetters());
    }
}
