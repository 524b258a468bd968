package dev.genserver.sample.cluster;

import java.util.HashMap;
import java.util.Map;

import dev.genserver.cluster.Clustered;
import dev.genserver.cluster.Placement;
import dev.genserver.sample.cluster.ClusterMessages.Decision;
import dev.genserver.spring.annotation.GenServer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;

/** One token bucket per user for the whole cluster: a singleton. */
@GenServer("sharedRateLimiter")
@Clustered(Placement.SINGLETON)
@Profile("cluster")
class SharedRateLimiter implements SharedRateLimiterApi {

    private final int capacity;
    private final double refillPerSecond;
    private final String instance;
    /** Per user: [tokens, last refill time in nanoseconds]. */
    private final Map<String, double[]> buckets = new HashMap<>();

    SharedRateLimiter(@Value("${shop.rate-limit.capacity}") int capacity,
                      @Value("${shop.rate-limit.refill-per-second}") double refillPerSecond,
                      @Value("${server.port:8080}") int port) {
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.instance = "instance:" + port;
    }

    @Override
    public Decision acquire(String user) {
        long now = System.nanoTime();
        double[] bucket = buckets.computeIfAbsent(user, u -> new double[] {capacity, now});
        bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) / 1e9 * refillPerSecond);
        bucket[1] = now;
        boolean allowed = bucket[0] >= 1;
        if (allowed) {
            bucket[0] -= 1;
        }
        return new Decision(allowed, instance);
    }
}
