package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Use case 2: a read-through cache in front of H2, with TTL (3 s in tests) and invalidation. */
class CatalogTests extends HttpTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void readThroughHitsAndInvalidationOnUpdate() {
        Map<String, Object> before = getJson("/products/cache");
        assertThat(getJson("/products/1").get("name")).isEqualTo("Coffee mug");
        assertThat(getJson("/products/1").get("name")).isEqualTo("Coffee mug");
        Map<String, Object> after = getJson("/products/cache");
        assertThat(number(after, "hits")).isGreaterThan(number(before, "hits"));

        assertThat(request("PUT", "/products/2?name=Decaf%20beans&priceCents=1990").statusCode()).isEqualTo(200);
        Map<String, Object> updated = getJson("/products/2");
        assertThat(updated.get("name")).isEqualTo("Decaf beans");
        assertThat(number(updated, "priceCents")).isEqualTo(1990);
        assertThat(number(getJson("/products/cache"), "invalidations")).isPositive();

        assertThat(get("/products/999").statusCode()).isEqualTo(404);
    }

    @Test
    void aChangeBehindTheCacheShowsUpWhenTheEntryExpires() {
        getJson("/products/3");    // cached
        jdbc.update("UPDATE products SET price_cents = 4499 WHERE id = 3");
        await().atMost(WAIT).until(() -> number(getJson("/products/3"), "priceCents") == 4499);
    }
}
