package dev.genserver.sample.cluster;

import java.util.List;

/**
 * The replies of the clustered servers: records, encoded as JSON against the client interfaces'
 * declared return types when they cross between instances.
 */
public final class ClusterMessages {

    /** A cart, and the instance that holds it. */
    public record CartView(String user, List<String> items, String instance) {
    }

    /** Whether the request may pass, and the instance that decided. */
    public record Decision(boolean allowed, String instance) {
    }

    /** The queue: its jobs, its incarnation's fencing token, the instance that runs it. */
    public record QueueView(List<String> jobs, long fencingToken, String instance) {
    }

    private ClusterMessages() {
    }
}
