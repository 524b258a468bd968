package dev.genserver.sample.cluster;

import java.util.HashMap;
import java.util.Map;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.sample.cluster.ClusterMessages.Acquire;
import dev.genserver.sample.cluster.ClusterMessages.Decision;

/** One token bucket per user for the whole cluster: a singleton. */
final class SharedRateLimiter implements GenServer<Map<String, double[]>> {

    private final int capacity;
    private final double refillPerSecond;
    private final String instance;

    SharedRateLimiter(int capacity, double refillPerSecond, String instance) {
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.instance = instance;
    }

    @Override
    public Init<Map<String, double[]>> init(ServerContext ctx) {
        return Init.ok(new HashMap<>());
    }

    @Override
    public Result<Map<String, double[]>> handleCall(Object request, ReplyTo from, Map<String, double[]> buckets) {
        if (!(request instanceof Acquire(String user))) {
            return Result.unhandled(buckets);
        }
        long now = System.nanoTime();
        // [tokens, last refill time in nanoseconds]
        double[] bucket = buckets.computeIfAbsent(user, u -> new double[] {capacity, now});
        bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) / 1e9 * refillPerSecond);
        bucket[1] = now;
        boolean allowed = bucket[0] >= 1;
        if (allowed) {
            bucket[0] -= 1;
        }
        return Result.reply(new Decision(allowed, instance), buckets);
    }
}
