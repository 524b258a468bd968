package dev.genserver.sample.ratelimit;

import dev.genserver.spring.annotation.FormatStatus;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 7: a token bucket per API key. The HTTP layer asks before every request carrying an
 * {@code X-API-Key} header. Buckets refill lazily from the elapsed time, so no timer is needed.
 */
@GenServer(value = "rateLimiter", callTimeout = "1s")
public class RateLimiter {

    /** May this key make one more request? (a call) */
    public record Acquire(String apiKey) {
    }

    /** The answer. */
    public record Decision(boolean allowed, int remaining) {
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    private final int capacity;
    private final double refillPerSecond;
    private final Map<String, Bucket> buckets = new HashMap<>();

    RateLimiter(@Value("${shop.rate-limit.capacity}") int capacity,
                @Value("${shop.rate-limit.refill-per-second}") double refillPerSecond) {
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
    }

    @HandleCall
    Decision acquire(Acquire request) {
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(request.apiKey(), k -> {
            Bucket b = new Bucket();
            b.tokens = capacity;
            b.refilledAt = now;
            return b;
        });
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) / 1e9 * refillPerSecond);
        bucket.refilledAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return new Decision(true, (int) bucket.tokens);
        }
        return new Decision(false, 0);
    }

    @FormatStatus
    Object status() {
        return Map.of("keys", buckets.size(), "capacity", capacity, "refillPerSecond", refillPerSecond);
    }
}
