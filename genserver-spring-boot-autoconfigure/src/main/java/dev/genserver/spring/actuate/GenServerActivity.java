package dev.genserver.spring.actuate;

import dev.genserver.process.CrashReport;
import dev.genserver.process.DeadLetter;
import dev.genserver.process.ExitReason;
import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.ProcessListener;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.Ticker;
import dev.genserver.spring.InternalApi;
import dev.genserver.spring.support.BeanGenServer;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.spring.support.TreeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * What happened to the application's servers since it started, counted per {@link ServerTags tag}
 * from the runtime's life-cycle events and dead letters: restarts (by a supervisor or through the
 * Actuator), crashes, passivations, dead letters, the last crash and the recent crash times.
 * Unlike {@link dev.genserver.process.ServerInfo} these survive the process: a keyed instance
 * that was passivated, or a server restarted with a fresh process, is still counted.
 *
 * <p>For keyed servers it also keeps running totals, so that the endpoint, health and meters read
 * them in constant time however many instances there are: the instances alive (from their start
 * until they are {@linkplain ProcessListener#closed closed}), and the messages waiting in their
 * mailboxes (messages sent to an instance since it started, minus those it took or that were
 * {@linkplain HandlerInterceptor#dropped dropped}: each message is counted down exactly once).
 */
@InternalApi
public class GenServerActivity implements ProcessListener, InitializingBean, DisposableBean {

    /** How many crash times are kept per tag, to tell a restart loop. */
    private static final int CRASH_HISTORY = 32;

    private final ProcessRuntime runtime;
    private final ServerTags tags;
    private final Ticker ticker;
    private final Map<String, String> keyedBySupervisorProcess = new HashMap<>();
    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
    /**
     * The keyed instances alive, by their reference (a server's identity), to their keyed server's
     * counts: the one lookup a message to any server costs, with no string work and no boxing.
     */
    private final Map<ServerRef, Stats> keyedInstances = new ConcurrentHashMap<>();
    private final Mailboxes mailboxes = new Mailboxes();
    private volatile boolean listening;

    /**
     * Creates the counters; they listen to the runtime once the bean is initialised.
     *
     * @param runtime the runtime
     * @param tags how processes are grouped
     */
    public GenServerActivity(ProcessRuntime runtime, ServerTags tags) {
        this.runtime = runtime;
        this.tags = tags;
        this.ticker = runtime.ticker();
        for (String keyed : tags.keyedServers()) {
            keyedBySupervisorProcess.put(TreeSpec.processName(KeyedServerManager.supervisorName(keyed)), keyed);
        }
    }

    @Override
    public void afterPropertiesSet() {
        listening = true;
        runtime.addListener(this);
        runtime.onDeadLetter(this::deadLetter);
        if (!tags.keyedServers().isEmpty()) {
            runtime.addInterceptor(mailboxes);
        }
    }

    @Override
    public void destroy() {
        listening = false;
        runtime.removeListener(this);
        runtime.removeInterceptor(mailboxes);
    }

    @Override
    public void started(ServerRef server, boolean restart) {
        Stats s = stats(tags.of(server));
        if (restart) {
            s.restarts.increment();
        }
        if (s.keyed && keyedInstances.putIfAbsent(server, s) == null) {
            s.alive.incrementAndGet();
        }
    }

    @Override
    public void exited(ServerRef server, ExitReason reason) {
        Stats s = stats(tags.of(server));
        s.lastExit = reason;
        if (BeanGenServer.PASSIVATED.equals(reason)) {
            s.passivations.increment();
        } else if (!reason.isNormal()) {
            s.crashes.increment();
            s.crashed(ticker.read());
            CrashReport crash = server.info().lastCrash();
            s.lastCrash = crash != null ? crash : new CrashReport(Instant.now(), reason, null, null, null);
        }
    }

    /**
     * A server ended for good: a keyed instance is no longer counted (its supervisor closes it
     * after emptying its mailbox, so the mailbox total already left with it), and when a keyed
     * server's supervisor ends, none of its instances is.
     */
    @Override
    public void closed(ServerRef server, ExitReason reason) {
        Stats s = stats(tags.of(server));
        if (s.keyed) {
            gone(server, s);
        }
        String keyed = keyedBySupervisorProcess.get(server.displayName());
        if (keyed != null) {
            clearInstances(stats(keyed));
        }
    }

    private void gone(ServerRef server, Stats s) {
        if (keyedInstances.remove(server, s)) {
            s.alive.decrementAndGet();
        }
    }

    /** The keyed supervisor ended for good: none of its instances is alive any more. Linear, and rare. */
    private void clearInstances(Stats s) {
        for (Map.Entry<ServerRef, Stats> e : keyedInstances.entrySet()) {
            if (e.getValue() == s) {
                gone(e.getKey(), s);
            }
        }
    }

    private void deadLetter(DeadLetter letter) {
        if (listening) {
            stats(tags.of(letter.server())).deadLetters.increment();
        }
    }

    /**
     * Counts a restart that no supervisor reported: one asked for through the Actuator, which
     * stops the process and starts a fresh one.
     *
     * @param tag the restarted server's tag (a server or supervisor process name)
     */
    public void restarted(String tag) {
        stats(tag).restarts.increment();
    }

    private Stats stats(String tag) {
        Stats s = stats.get(tag);
        return s != null ? s : stats.computeIfAbsent(tag, t -> new Stats(tags.isKeyedServer(t)));
    }

    /**
     * Returns the counts of a tag.
     *
     * @param tag a server name, keyed server name or supervisor process name
     * @return the counts, zero when nothing happened yet
     */
    public Snapshot of(String tag) {
        Stats s = stats.get(tag);
        return s == null ? Snapshot.NONE : new Snapshot(s.restarts.sum(), s.crashes.sum(), s.passivations.sum(),
                s.deadLetters.sum(), s.lastCrash, s.lastExit);
    }

    /**
     * Returns the instances of a keyed server alive now (running, or waiting to be restarted).
     *
     * @param keyedServer the keyed server's name
     * @return the count, read in constant time
     */
    public int instances(String keyedServer) {
        Stats s = stats.get(keyedServer);
        return s == null ? 0 : s.alive.get();
    }

    /**
     * Returns the messages waiting in the mailboxes of a keyed server's instances.
     *
     * @param keyedServer the keyed server's name
     * @return the total, read in constant time
     */
    public long queued(String keyedServer) {
        Stats s = stats.get(keyedServer);
        return s == null ? 0 : s.queued.get();
    }

    /**
     * Tells how long a tag has been in a restart loop: crashing again less than {@code threshold}
     * after its previous crash, or not running since its last crash.
     *
     * @param tag the tag
     * @param threshold the longest pause between two crashes of one loop
     * @param running whether the process runs now
     * @return how long the loop has lasted, or {@link Duration#ZERO} when it is not in one
     */
    public Duration restartLoop(String tag, Duration threshold, boolean running) {
        Stats s = stats.get(tag);
        return s == null ? Duration.ZERO : s.restartLoop(ticker.read(), threshold.toNanos(), running);
    }

    /**
     * The counts of one tag since the application started.
     *
     * @param restarts restarts, by a supervisor or through the Actuator
     * @param crashes abnormal exits
     * @param passivations keyed instances stopped after their idle timeout
     * @param deadLetters messages that were never handled
     * @param lastCrash the latest crash, or null
     * @param lastExit the reason of the latest exit, or null
     */
    public record Snapshot(long restarts, long crashes, long passivations, long deadLetters, CrashReport lastCrash,
                           ExitReason lastExit) {

        /** Nothing happened. */
        public static final Snapshot NONE = new Snapshot(0, 0, 0, 0, null, null);
    }

    private static final class Stats {
        final boolean keyed;
        final LongAdder restarts = new LongAdder();
        final LongAdder crashes = new LongAdder();
        final LongAdder passivations = new LongAdder();
        final LongAdder deadLetters = new LongAdder();
        volatile CrashReport lastCrash;
        volatile ExitReason lastExit;
        // Crash times (ticker nanos), newest at crashCount - 1, in a ring.
        private final long[] crashTimes = new long[CRASH_HISTORY];
        private int crashCount;
        // Keyed servers only.
        final AtomicInteger alive = new AtomicInteger();
        final AtomicLong queued = new AtomicLong();

        Stats(boolean keyed) {
            this.keyed = keyed;
        }

        synchronized void crashed(long now) {
            crashTimes[crashCount++ % CRASH_HISTORY] = now;
        }

        synchronized Duration restartLoop(long now, long threshold, boolean running) {
            if (crashCount == 0) {
                return Duration.ZERO;
            }
            long newest = crashTimes[(crashCount - 1) % CRASH_HISTORY];
            if (running && now - newest >= threshold) {
                return Duration.ZERO; // it has run a whole threshold since its last crash
            }
            long start = newest;
            for (int i = crashCount - 2; i >= Math.max(0, crashCount - CRASH_HISTORY); i--) {
                long earlier = crashTimes[i % CRASH_HISTORY];
                if (start - earlier >= threshold) {
                    break;
                }
                start = earlier;
            }
            return Duration.ofNanos(now - start);
        }
    }

    /**
     * Counts the messages sent to, and taken by or dropped from, keyed instances. The token of a
     * counted message is its keyed server's {@link Stats}, which the core hands back exactly once
     * ({@code beforeHandle}, {@code callSkipped} or {@code dropped}): the total is exact, and never
     * negative, since a message is counted in before it enters the mailbox.
     */
    private final class Mailboxes implements HandlerInterceptor {

        @Override
        public Object enqueued(ServerRef server, Kind kind, Object message) {
            // Counted from its start on (a message sent during its init is not counted either way),
            // and not after it is gone: such a message is a dead letter.
            Stats s = keyedInstances.get(server);
            if (s != null) {
                s.queued.incrementAndGet();
            }
            return s;
        }

        @Override
        public Scope beforeHandle(ServerRef server, Kind kind, Object message, Object token) {
            if (token instanceof Stats s && kind.isMessage()) {
                s.queued.decrementAndGet();
            }
            return Scope.NOOP;
        }

        @Override
        public void callSkipped(ServerRef server, Object request, Object token) {
            if (token instanceof Stats s) {
                s.queued.decrementAndGet();
            }
        }

        @Override
        public void dropped(ServerRef server, Kind kind, Object message, Object token, String why) {
            if (token instanceof Stats s) {
                s.queued.decrementAndGet();
            }
        }

        @Override
        public String toString() {
            return "GenServerActivity.Mailboxes";
        }
    }
}
