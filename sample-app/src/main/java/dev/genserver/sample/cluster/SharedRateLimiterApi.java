package dev.genserver.sample.cluster;

import dev.genserver.sample.cluster.ClusterMessages.Decision;

/** One token bucket per user for the whole cluster. */
public interface SharedRateLimiterApi {

    /**
     * Takes a token from a user's bucket.
     *
     * @param user the user
     * @return whether the request may pass, and the instance that decided
     */
    Decision acquire(String user);
}
