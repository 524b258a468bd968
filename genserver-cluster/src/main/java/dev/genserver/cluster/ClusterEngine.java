package dev.genserver.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The engine a {@link ClusterNode} runs on: membership, partition ownership and member-targeted,
 * at-most-once delivery of opaque bytes. The node owns the protocol; an engine only moves bytes.
 * The one implementation is {@link dev.genserver.cluster.hazelcast.HazelcastEngine}.
 */
public interface ClusterEngine {

    /**
     * Returns this member's id. It may change when the engine rejoins after a split heals.
     *
     * @return the id, unique per member incarnation
     */
    String localMember();

    /**
     * Returns the current members, oldest first, the same list on every member of a connected
     * side.
     *
     * @return the member ids
     */
    List<String> members();

    /**
     * Returns where {@code member} listens, if the engine knows: a member that comes back at the
     * same address under a new id (after a pause and a split-brain merge) replaces its old id.
     *
     * @param member a current member's id
     * @return its address, or null when unknown
     */
    default @org.jspecify.annotations.Nullable String addressOf(String member) {
        return null;
    }

    /**
     * Returns the member that owns the partition of {@code shardKey}.
     *
     * @param shardKey the canonical key
     * @return the owner's id, or null while the partition has no owner (migrating, or all its
     *         replicas lost)
     */
    @org.jspecify.annotations.Nullable String ownerOf(String shardKey);

    /**
     * Returns the partition of {@code shardKey}.
     *
     * @param shardKey the canonical key
     * @return the partition id
     */
    int partitionOf(String shardKey);

    /**
     * Delivers {@code bytes} to {@code member}'s {@link Inbound#deliver}, at most once. The future
     * completes with what that returned, or fails with {@link NotDeliveredException} (never
     * handed over: safe to send again) or {@link IndeterminateException} (the member left with
     * the delivery in flight: it may or may not have run).
     *
     * @param member the target member
     * @param bytes the payload
     * @return the answer of the target
     */
    CompletableFuture<byte[]> deliver(String member, byte[] bytes);

    /**
     * Sends {@code bytes} to {@code member}'s {@link Inbound#notify} without waiting: at most
     * once, silently lost when the member is gone.
     *
     * @param member the target member
     * @param bytes the payload
     */
    void notify(String member, byte[] bytes);

    /**
     * Advances and returns the fencing counter of {@code name}, kept by the cluster.
     *
     * @param name the singleton's name
     * @return the new value, greater than every value returned before on this side of the cluster
     *         (the Hazelcast engine keeps it at or above the cluster clock in milliseconds, so that
     *         losing every replica of the counter does not make it go back)
     * @throws ClusterUnavailableException when the counter cannot be written (no quorum, no owner)
     */
    long nextFencingToken(String name);

    /**
     * Connects the node: from now on the engine hands incoming bytes to {@code inbound} and
     * reports membership and ownership changes to {@code events}.
     *
     * @param inbound the receiver of deliveries and notifications
     * @param events the receiver of changes
     */
    void start(Inbound inbound, Runnable events);

    /** Leaves gracefully: hands this member's partitions to the others, then stops the engine. */
    void leave();

    /**
     * Tells whether the engine is running.
     *
     * @return false once it stopped, left or crashed
     */
    boolean isRunning();

    /** The receiving side of a node. */
    interface Inbound {
        /**
         * Handles a delivery from {@code sender}. A node keeps at most one delivery in flight per
         * target member, so deliveries from one sender arrive in the order they were sent.
         *
         * @param sender the sending member
         * @param bytes the payload
         * @return the answer sent back
         */
        byte[] deliver(String sender, byte[] bytes);

        /**
         * Handles a notification from {@code sender}.
         *
         * @param sender the sending member
         * @param bytes the payload
         */
        void notify(String sender, byte[] bytes);

        /** Called when the engine stopped under the node (crash, termination, failed merge). */
        void engineStopped();
    }

    /** A delivery that never reached the target: sending it again cannot duplicate it. */
    final class NotDeliveredException extends RuntimeException {
        /**
         * Creates the exception.
         *
         * @param message what happened
         * @param cause the engine's exception
         */
        public NotDeliveredException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A delivery whose target left while it was in flight: it may or may not have run. */
    final class IndeterminateException extends RuntimeException {
        /**
         * Creates the exception.
         *
         * @param message what happened
         * @param cause the engine's exception
         */
        public IndeterminateException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
