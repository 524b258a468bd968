package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Use case 7: a token bucket per API key (5 tokens, slow refill in tests). */
class RateLimiterTests extends HttpTestSupport {

    @Test
    void eachKeyGetsItsOwnBucket() {
        String key = "key-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            var ok = get("/products/1", "X-API-Key", key);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(4 - i));
        }
        var limited = get("/products/1", "X-API-Key", key);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("rate limit exceeded");

        assertThat(get("/products/1", "X-API-Key", "other-" + key).statusCode()).isEqualTo(200);
        assertThat(get("/products/1").statusCode()).isEqualTo(200);   // anonymous: not limited
    }
}
