package dev.genserver.sample.cluster;

import java.util.List;

/** The messages and replies of the clustered servers: records, declared to the node. */
final class ClusterMessages {

    /** Adds an item to a cart. */
    record AddItem(String item) {
    }

    /** Asks for a cart's content. */
    record ViewCart() {
    }

    /** A cart, and the instance that holds it. */
    record CartView(String user, List<String> items, String instance) {
    }

    /** Takes a token from a user's bucket. */
    record Acquire(String user) {
    }

    /** Whether the request may pass, and the instance that decided. */
    record Decision(boolean allowed, String instance) {
    }

    /** Queues a job. */
    record Submit(String name) {
    }

    /** Asks for the queue's state. */
    record ViewQueue() {
    }

    /** The queue: its jobs, its incarnation's fencing token, the instance that runs it. */
    record QueueView(List<String> jobs, long fencingToken, String instance) {
    }

    private ClusterMessages() {
    }
}
