package dev.genserver.sample.analytics;

import dev.genserver.spring.GenServers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST for use case 10: reaches the server by name through {@link GenServers}. The row count is
 * read here, not by the server: a slow database never holds up its mailbox.
 */
@RestController
class AnalyticsController {

    private final GenServers genServers;
    private final JdbcTemplate jdbc;

    AnalyticsController(GenServers genServers, JdbcTemplate jdbc) {
        this.genServers = genServers;
        this.jdbc = jdbc;
    }

    @PostMapping("/analytics/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void track(@RequestParam String type, @RequestParam(required = false) String detail) {
        genServers.cast("analytics", new AnalyticsBuffer.Track(type, detail));
    }

    @PostMapping("/analytics/flush")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void flush() {
        genServers.cast("analytics", new AnalyticsBuffer.FlushNow());
    }

    @GetMapping("/analytics")
    Map<String, Object> stats() {
        AnalyticsBuffer.Stats stats = genServers.call("analytics", new AnalyticsBuffer.GetStats());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("buffered", stats.buffered());
        body.put("flushed", stats.flushed());
        body.put("batches", stats.batches());
        body.put("dropped", stats.dropped());
        body.put("failedFlushes", stats.failedFlushes());
        body.put("retryInMillis", stats.retryInMillis());
        body.put("lastError", stats.lastError());
        try {
            body.put("rowsInDatabase", jdbc.queryForObject("SELECT COUNT(*) FROM analytics_events", Long.class));
        } catch (DataAccessException down) {
            body.put("rowsInDatabase", null);
        }
        return body;
    }
}
