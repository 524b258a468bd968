package dev.genserver.spring.actuate;

import dev.genserver.process.CrashReport;
import dev.genserver.process.DeadLetter;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessListener;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.InternalApi;
import dev.genserver.spring.support.BeanGenServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * What happened to the application's servers since it started, counted per {@link ServerTags tag}
 * from the runtime's life-cycle events and dead letters: restarts, crashes, passivations, dead
 * letters and the last crash. Unlike {@link dev.genserver.process.ServerInfo} these survive the
 * process: a keyed instance that was passivated, or the children a supervisor rebuilt after it
 * gave up, are still counted.
 */
@InternalApi
public class GenServerActivity implements ProcessListener, InitializingBean, DisposableBean {

    private final ProcessRuntime runtime;
    private final ServerTags tags;
    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
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
    }

    @Override
    public void afterPropertiesSet() {
        listening = true;
        runtime.addListener(this);
        runtime.onDeadLetter(this::deadLetter);
    }

    @Override
    public void destroy() {
        listening = false;
        runtime.removeListener(this);
    }

    @Override
    public void started(ServerRef server, boolean restart) {
        if (restart) {
            stats(tags.of(server)).restarts.increment();
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
            CrashReport crash = server.info().lastCrash();
            s.lastCrash = crash != null ? crash : new CrashReport(java.time.Instant.now(), reason, null, null, null);
        }
    }

    private void deadLetter(DeadLetter letter) {
        if (listening) {
            stats(tags.of(letter.server())).deadLetters.increment();
        }
    }

    private Stats stats(String tag) {
        Stats s = stats.get(tag);
        return s != null ? s : stats.computeIfAbsent(tag, t -> new Stats());
    }

    /**
     * Returns the counts of a tag.
     *
     * @param tag a server name or keyed server name
     * @return the counts, zero when nothing happened yet
     */
    public Snapshot of(String tag) {
        Stats s = stats.get(tag);
        return s == null ? Snapshot.NONE : new Snapshot(s.restarts.sum(), s.crashes.sum(), s.passivations.sum(),
                s.deadLetters.sum(), s.lastCrash, s.lastExit);
    }

    /**
     * The counts of one tag since the application started.
     *
     * @param restarts supervised restarts
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
        final LongAdder restarts = new LongAdder();
        final LongAdder crashes = new LongAdder();
        final LongAdder passivations = new LongAdder();
        final LongAdder deadLetters = new LongAdder();
        volatile CrashReport lastCrash;
        volatile ExitReason lastExit;
    }
}
