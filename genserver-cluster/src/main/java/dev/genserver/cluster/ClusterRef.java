package dev.genserver.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A location-transparent handle on a clustered server (a singleton, or one key of a sharded
 * server): the same call and cast whether the instance runs on this member or another. It stays
 * valid across moves; each message is routed to the current owner when sent.
 *
 * <p>Every call ends in exactly one way (contract §17.3): the reply; an exception thrown by the
 * handler ({@link dev.genserver.process.CallFailedException}); {@link NodeDownException} (the
 * owner left with the call in flight: maybe handled, never sent again);
 * {@link dev.genserver.process.CallTimeoutException}; {@link ClusterUnavailableException} (no
 * owner with quorum took it before the timeout; not handled); or
 * {@link dev.genserver.process.NoProcessException} (no server of that name is declared).
 */
public interface ClusterRef {

    /**
     * Returns how messages and logs refer to the server: its name, with {@code [key]} for a shard.
     *
     * @return the display name
     */
    String displayName();

    /**
     * Sends a request and waits for the reply up to the node's default call timeout.
     *
     * @param request a message of a declared type
     * @param <R> the reply type
     * @return the reply
     * @throws IllegalArgumentException when the request's type is not declared (nothing was sent)
     */
    <R> R call(Object request);

    /**
     * Sends a request and waits for the reply up to {@code timeout}.
     *
     * @param request a message of a declared type
     * @param timeout how long to wait
     * @param <R> the reply type
     * @return the reply
     */
    <R> R call(Object request, Duration timeout);

    /**
     * Sends a request without blocking.
     *
     * @param request a message of a declared type
     * @param timeout how long to wait for the reply
     * @param <R> the reply type
     * @return the future reply, completed with the reply or one of the exceptions above
     */
    <R> CompletableFuture<R> callAsync(Object request, Duration timeout);

    /**
     * Sends a message to {@code handleCast} and returns at once. A cast that cannot be delivered
     * (owner gone with it in flight, no owner before the call timeout) is a dead letter of the node.
     *
     * @param message a message of a declared type
     */
    void cast(Object message);

    /**
     * Sends a plain message to the server's info handler and returns at once; undeliverable, it
     * is a dead letter of the node, as a cast.
     *
     * @param message a message of a declared type
     */
    void send(Object message);

    /**
     * Tells which member runs the server now, as far as this member knows.
     *
     * @return the member id, or null while no member hosts it
     */
    @org.jspecify.annotations.Nullable String owner();
}
