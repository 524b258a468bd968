package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Use case 10: events are buffered and flushed to the database in bulk (every 200 ms in tests). */
class AnalyticsTests extends HttpTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void bufferedEventsReachTheDatabaseInBatches() {
        String type = "click-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 25; i++) {
            assertThat(post("/analytics/events?type=" + type + "&detail=button-" + i).statusCode()).isEqualTo(202);
        }
        await().atMost(WAIT).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM analytics_events WHERE type = ?", Long.class, type) == 25);
        var stats = getJson("/analytics");
        assertThat(number(stats, "flushed")).isGreaterThanOrEqualTo(25);
        assertThat(number(stats, "batches")).isPositive().isLessThanOrEqualTo(number(stats, "flushed"));
        assertThat(number(stats, "rowsInDatabase")).isGreaterThanOrEqualTo(25);
    }
}
