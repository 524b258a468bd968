package dev.genserver.sample.analytics;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.HandleCast;
import dev.genserver.spring.annotation.HandleInfo;
import dev.genserver.spring.annotation.OnInit;
import dev.genserver.spring.annotation.OnTerminate;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Use case 10: a message-style server (no client interface) that buffers events in memory and
 * writes them to the database in one batch every {@code shop.analytics.flush-interval}, and once
 * more in terminate so an orderly shutdown loses nothing.
 *
 * <p>It survives a database outage. The batch is written on a virtual thread of its own and the
 * outcome comes back as a message, so the mailbox never waits for the database: events keep
 * being taken and stats keep answering. A failed batch goes back to the front of the buffer and
 * the next attempt waits twice as long each time (up to {@code shop.analytics.max-backoff}). The
 * buffer holds at most {@code shop.analytics.max-buffered} events: beyond that new events are
 * dropped, and counted.
 */
@GenServer("analytics")
public class AnalyticsBuffer {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsBuffer.class);
    private static final String INSERT = "INSERT INTO analytics_events (type, detail, occurred_at) VALUES (?, ?, ?)";

    /** An event to record (a cast). */
    public record Track(String type, String detail) {
    }

    /** Asks for the counters (a call). */
    public record GetStats() {
    }

    /** Asks for a flush now (a cast: the batch is written in the background). */
    public record FlushNow() {
    }

    /**
     * The counters.
     *
     * @param buffered events waiting, the batch being written included
     * @param flushed events written
     * @param batches batches written
     * @param dropped events dropped because the buffer was full
     * @param failedFlushes batches that failed (and were kept for the next attempt)
     * @param retryInMillis how long until the next attempt after a failure, 0 when healthy
     * @param lastError the last failure, or null once a batch went through
     */
    public record Stats(int buffered, long flushed, long batches, long dropped, long failedFlushes,
                        long retryInMillis, String lastError) {
    }

    /** The timer message. */
    record FlushTick() {
    }

    /** A batch written by the background writer, or not. */
    record Flushed(int count, String error) {
    }

    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final int maxBuffered;
    private final Duration maxBackoff;
    private ServerRef self;
    private final List<Object[]> buffer = new ArrayList<>();
    private List<Object[]> writing = List.of();
    private long flushed;
    private long batches;
    private long dropped;
    private long failedFlushes;
    private Duration backoff = Duration.ZERO;
    private Instant nextAttempt;   // null while the database takes the batches
    private String lastError;

    AnalyticsBuffer(JdbcTemplate jdbc, @Value("${shop.analytics.flush-interval}") Duration interval,
                    @Value("${shop.analytics.max-buffered}") int maxBuffered,
                    @Value("${shop.analytics.max-backoff}") Duration maxBackoff) {
        this.jdbc = jdbc;
        this.interval = interval;
        this.maxBuffered = maxBuffered;
        this.maxBackoff = maxBackoff;
    }

    @OnInit
    void init(GenServerContext ctx) {
        self = ctx.self();
        ctx.sendAfter(new FlushTick(), interval);
    }

    @HandleCast
    void track(Track event) {
        if (buffer.size() + writing.size() >= maxBuffered) {
            dropped++;
            return;
        }
        buffer.add(new Object[] {event.type(), event.detail(), Timestamp.from(Instant.now())});
    }

    @HandleInfo
    void tick(FlushTick tick, GenServerContext ctx) {
        ctx.sendAfter(tick, interval);
        if (nextAttempt == null || !Instant.now().isBefore(nextAttempt)) {
            flush();
        }
    }

    @HandleCast
    void flushNow(FlushNow request) {
        flush();
    }

    @HandleInfo
    void flushed(Flushed outcome) {
        if (outcome.error() == null) {
            flushed += outcome.count();
            batches++;
            backoff = Duration.ZERO;
            nextAttempt = null;
            lastError = null;
        } else {
            // The batch goes back in front of what came meanwhile: the events keep their order.
            buffer.addAll(0, writing);
            failedFlushes++;
            backoff = backoff.isZero() ? interval : min(backoff.multipliedBy(2), maxBackoff);
            nextAttempt = Instant.now().plus(backoff);
            lastError = outcome.error();
            log.warn("analytics: {} events not written ({}); next attempt in {}", writing.size(), lastError, backoff);
        }
        writing = List.of();
    }

    @HandleCall
    Stats stats(GetStats request) {
        long retryIn = nextAttempt == null ? 0 : Math.max(0, Duration.between(Instant.now(), nextAttempt).toMillis());
        return new Stats(buffer.size() + writing.size(), flushed, batches, dropped, failedFlushes, retryIn, lastError);
    }

    @OnTerminate
    void terminate(ExitReason reason) {
        List<Object[]> rest = new ArrayList<>(buffer);
        if (rest.isEmpty()) {
            return;
        }
        try {
            jdbc.batchUpdate(INSERT, rest);   // once, on the way out: the database may be back
        } catch (RuntimeException e) {
            log.warn("analytics: {} buffered events lost at stop: {}", rest.size(), e.getMessage());
        }
    }

    /** Hands the buffer to a background writer, unless a batch is being written already. */
    private void flush() {
        if (buffer.isEmpty() || !writing.isEmpty()) {
            return;
        }
        writing = new ArrayList<>(buffer);
        buffer.clear();
        List<Object[]> batch = writing;
        ServerRef me = self;
        Thread.ofVirtual().name("analytics-writer").start(() -> {
            String error = null;
            try {
                jdbc.batchUpdate(INSERT, batch);
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            try {
                me.send(new Flushed(batch.size(), error));
            } catch (RuntimeException stopped) {
                // the buffer stopped meanwhile
            }
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
