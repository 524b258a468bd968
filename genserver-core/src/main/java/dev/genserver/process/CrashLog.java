package dev.genserver.process;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the crash reports of a runtime's servers to the log ("server X exited: reason; last
 * message T"), as configured by {@link ProcessRuntime.Builder#showStateInCrashLogs} and
 * {@link ProcessRuntime.Builder#crashLogLimit}.
 *
 * <p>Per server (per {@link ProcessCell}, which outlives its restarts), the first {@code limit}
 * reports of an interval are logged in full. When more follow within the interval, they are only
 * counted, and the count is logged in one summary line per interval: when the interval ends (on
 * the runtime's timer thread), with the first crash after it if that comes first, or when the
 * server ends for good. If the server keeps crashing, the crashes after a summary are counted in
 * turn, so a crash loop writes one line per interval. A server that stayed quiet for a whole
 * interval starts afresh with full reports. Time is read from the runtime's {@link Ticker}; the
 * end of an interval is waited for on the runtime's timers, in real time.
 *
 * <p>Only the log is limited: {@link ServerInfo#lastCrash()}, {@link ProcessListener#exited} and
 * the metrics built on them see every crash. Servers that never crashed cost nothing here: the
 * window of a server is created by its first crash report and dropped when the server ends.
 */
final class CrashLog {

    private static final Logger log = LoggerFactory.getLogger("dev.genserver.process");

    private final boolean showState;
    private final int limit;
    private final Duration interval;
    private final long intervalNanos;
    private final Ticker ticker;
    private final ScheduledExecutorService timers;
    private final ConcurrentHashMap<ProcessCell, Window> windows = new ConcurrentHashMap<>();

    CrashLog(boolean showState, int limit, Duration interval, Ticker ticker, ScheduledExecutorService timers) {
        this.showState = showState;
        this.limit = limit;
        this.interval = interval;
        this.intervalNanos = CallEnvelope.saturatedNanos(interval);
        this.ticker = ticker;
        this.timers = timers;
    }

    /** One server's reports in the current interval. Guarded by itself. */
    private static final class Window {
        /** When the current interval began: the first crash of a quiet server, or of a new interval. */
        long start;
        /** Full reports logged since the last quiet interval, at most {@code limit}. */
        int logged;
        /** Crashes counted and not logged since the last summary line. */
        int suppressed;
        @Nullable ExitReason lastReason;
        @Nullable String lastMessageType;
        /** Whether a summary at the end of the interval is scheduled. */
        boolean flushPending;

        Window(long start) {
            this.start = start;
        }
    }

    /** What {@link #report} decided, under the window's lock, to write after it. */
    private record Summary(int count, ExitReason lastReason, String lastMessageType) {
    }

    /**
     * Logs, counts or summarises the crash report of a live incarnation that exited abnormally.
     * Runs on the thread that ended it (its runner, or a killer).
     */
    void report(ProcessCell cell, Incarnation inc, ExitReason reason, @Nullable Envelope last) {
        String lastType = last == null ? "none" : GenServerException.typeOf(last.message);
        long now = ticker.read();
        Window w = windows.computeIfAbsent(cell, c -> new Window(now));
        Summary summary = null;
        boolean full;
        boolean lastFull;
        long flushIn = -1;
        synchronized (w) {
            long elapsed = now - w.start;
            if (elapsed >= intervalNanos) {
                // A crash that follows a suppressed one within the next interval continues a crash
                // loop: it is counted too. After a quiet interval the server starts afresh.
                boolean stormGoesOn = w.suppressed > 0 && elapsed < 2 * intervalNanos;
                if (w.suppressed > 0) {
                    summary = new Summary(w.suppressed, w.lastReason, w.lastMessageType);
                    w.suppressed = 0;
                }
                w.start = now;
                if (!stormGoesOn) {
                    w.logged = 0;
                }
            }
            full = w.logged < limit;
            if (full) {
                w.logged++;
                w.lastReason = null;
                w.lastMessageType = null;
            } else {
                w.suppressed++;
                w.lastReason = reason;
                w.lastMessageType = lastType;
                if (!w.flushPending) {
                    w.flushPending = true;
                    flushIn = Math.max(0, w.start + intervalNanos - now);
                }
            }
            lastFull = full && w.logged == limit;
        }
        if (summary != null) {
            logSummary(cell, summary);
        }
        if (full) {
            logFull(cell, inc, reason, lastType, lastFull);
        }
        if (flushIn >= 0) {
            try {
                timers.schedule(() -> flush(cell, w), flushIn, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                // The runtime is closing: the server's end logs the count (forget).
                synchronized (w) {
                    w.flushPending = false;
                }
            }
        }
    }

    /** The end of an interval in which crashes were counted: logs their count, if still due. */
    private void flush(ProcessCell cell, Window w) {
        Summary summary = null;
        synchronized (w) {
            w.flushPending = false;
            long now = ticker.read();
            if (w.suppressed > 0 && now - w.start >= intervalNanos) {
                summary = new Summary(w.suppressed, w.lastReason, w.lastMessageType);
                w.suppressed = 0;
                // A new interval begins; the full reports stay used up, so a crash within it is
                // counted as the loop going on, and a quiet interval starts the server afresh.
                w.start = now;
            }
        }
        if (summary != null) {
            logSummary(cell, summary);
        }
    }

    /** The server ended for good: logs what is still counted, and forgets its window. */
    void forget(ProcessCell cell) {
        Window w = windows.remove(cell);
        if (w == null) {
            return;
        }
        Summary summary;
        synchronized (w) {
            if (w.suppressed == 0) {
                return;
            }
            summary = new Summary(w.suppressed, w.lastReason, w.lastMessageType);
            w.suppressed = 0;
        }
        logSummary(cell, summary);
    }

    private void logFull(ProcessCell cell, Incarnation inc, ExitReason reason, String lastType, boolean lastFull) {
        Throwable cause = reason instanceof ExitReason.Crash c ? c.cause() : null;
        String more = lastFull ? "; further crash reports of this server within " + shown(interval)
                + " are counted and summarised in one line" : "";
        if (showState) {
            log.error("server {} ({}) exited: {}; last message {}; state {}{}", cell.displayName(), cell.serverType,
                    reason, lastType, Outcomes.redacted(inc), more, cause);
        } else {
            log.error("server {} ({}) exited: {}; last message {}{}", cell.displayName(), cell.serverType, reason,
                    lastType, more, cause);
        }
    }

    private void logSummary(ProcessCell cell, Summary s) {
        log.error("server {} ({}) crashed {} more time{} within {} after its last logged crash report; not logged"
                        + " in full; the last: exited: {}; last message {}", cell.displayName(), cell.serverType,
                s.count(), s.count() == 1 ? "" : "s", shown(interval), s.lastReason(), s.lastMessageType());
    }

    private static String shown(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
