package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Use case 10 while the database refuses the events (its table is away): the buffer keeps
 * answering, holds at most {@code shop.analytics.max-buffered} (100 in tests) events and counts the
 * ones it drops, retries with a backoff, and writes everything it kept once the table is back.
 */
class AnalyticsOutageTests extends HttpTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void survivesADatabaseOutageWithABoundedBufferAndRetries() {
        await().atMost(WAIT).until(() -> number(getJson("/analytics"), "buffered") == 0);
        long droppedBefore = number(getJson("/analytics"), "dropped");
        long failedBefore = number(getJson("/analytics"), "failedFlushes");
        String type = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("ALTER TABLE analytics_events RENAME TO analytics_events_away");
        try {
            for (int i = 0; i < 120; i++) {
                assertThat(post("/analytics/events?type=" + type).statusCode()).isEqualTo(202);
            }
            await().atMost(WAIT).untilAsserted(() -> {
                long start = System.nanoTime();
                Map<String, Object> stats = getJson("/analytics");
                // The mailbox never waits for the database: stats answer at once.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                assertThat(number(stats, "failedFlushes")).isGreaterThan(failedBefore + 1);
                assertThat(number(stats, "buffered")).isEqualTo(100);
                assertThat(number(stats, "dropped")).isEqualTo(droppedBefore + 20);
                assertThat((String) stats.get("lastError")).isNotBlank();
                assertThat(stats.get("rowsInDatabase")).isNull();
            });
            assertThat(number(getJson("/dashboard"), "analyticsDropped")).isEqualTo(droppedBefore + 20);
        } finally {
            jdbc.execute("ALTER TABLE analytics_events_away RENAME TO analytics_events");
        }
        await().atMost(WAIT).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM analytics_events WHERE type = ?", Long.class, type) == 100);
        Map<String, Object> stats = getJson("/analytics");
        assertThat(number(stats, "buffered")).isZero();
        assertThat(stats.get("lastError")).isNull();
        assertThat(number(stats, "retryInMillis")).isZero();
    }
}
