package dev.genserver.sample.analytics;

import dev.genserver.process.ExitReason;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Use case 10: a message-style server (no client interface) that buffers events in memory and
 * writes them to the database in one batch every {@code shop.analytics.flush-interval}, and once
 * more in terminate so an orderly shutdown loses nothing.
 */
@GenServer("analytics")
public class AnalyticsBuffer {

    /** An event to record (a cast). */
    public record Track(String type, String detail) {
    }

    /** Asks for the counters (a call). */
    public record GetStats() {
    }

    /** Asks for a flush now (a call; replies with the number of events written). */
    public record FlushNow() {
    }

    /** The counters. */
    public record Stats(int buffered, long flushed, long batches, long rowsInDatabase) {
    }

    /** The timer message. */
    record FlushTick() {
    }

    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final List<Object[]> buffer = new ArrayList<>();
    private long flushed;
    private long batches;

    AnalyticsBuffer(JdbcTemplate jdbc, @Value("${shop.analytics.flush-interval}") Duration interval) {
        this.jdbc = jdbc;
        this.interval = interval;
    }

    @OnInit
    void init(GenServerContext ctx) {
        ctx.sendAfter(new FlushTick(), interval);
    }

    @HandleCast
    void track(Track event) {
        buffer.add(new Object[] {event.type(), event.detail(), Timestamp.from(Instant.now())});
    }

    @HandleInfo
    void tick(FlushTick tick, GenServerContext ctx) {
        flush();
        ctx.sendAfter(tick, interval);
    }

    @HandleCall
    int flushNow(FlushNow request) {
        return flush();
    }

    @HandleCall
    Stats stats(GetStats request) {
        Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM analytics_events", Long.class);
        return new Stats(buffer.size(), flushed, batches, rows == null ? 0 : rows);
    }

    @OnTerminate
    void terminate(ExitReason reason) {
        flush();
    }

    private int flush() {
        if (buffer.isEmpty()) {
            return 0;
        }
        int n = buffer.size();
        jdbc.batchUpdate("INSERT INTO analytics_events (type, detail, occurred_at) VALUES (?, ?, ?)", buffer);
        buffer.clear();
        flushed += n;
        batches++;
        return n;
    }
}
