package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Use case 6: periodic cleanup of abandoned carts (3 s in tests) and the daily summary. */
class JanitorTests extends HttpTestSupport {

    @Test
    void abandonedCartIsCleanedUp() {
        String user = "carol-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/carts/" + user + "/items?productId=1").statusCode()).isEqualTo(202);
        // looking at the cart keeps it alive (no passivation) but does not change it: it is abandoned
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            getJson("/carts/" + user);
            return abandoned().contains(user);
        });
        assertThat(getJson("/carts/" + user).get("items")).isEqualTo(Map.of());
    }

    @Test
    void summaryOnDemand() {
        assertThat(post("/janitor/summary").statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> getJson("/janitor").get("lastSummary") != null);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) getJson("/janitor").get("lastSummary");
        assertThat(summary).containsKeys("at", "orders", "pageViews", "flashSaleSold", "abandonedCarts");
    }

    @SuppressWarnings("unchecked")
    private List<String> abandoned() {
        return (List<String>) getJson("/janitor").get("abandonedCarts");
    }
}
