package dev.genserver.cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.genserver.process.ExitReason;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ServerRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders the move of a sharded instance between two running members (contract §17.5): a member
 * starts the instance of a key only once every other member has released it, that is, has no
 * instance of it and is not stopping one. The old owner's stop (its {@code terminate}, a durable
 * server's last write) therefore ends before the new owner's {@code init} begins.
 *
 * <p>The new owner asks every other member with a {@link Wire#RELEASE} envelope. A member answers
 * {@link Wire#ACCEPTED} when it neither runs nor stops that instance; otherwise it stops it (if it
 * is no longer the key's owner: a hand-off, queued messages handled first) and answers
 * {@link Wire#NOT_OWNER}, and is asked again {@value #POLL_MILLIS} ms later. A member that left the
 * member list (failure detection removed it, or it left) has released everything, and so has one
 * whose engine could not hand the request to a node (none runs there yet, or it closed). Bounds, after
 * which the instance starts anyway with a warning (a durable state's optimistic concurrency,
 * contract §16.5, then fences out whichever of two instances writes second): a member that does
 * not answer a request at all within {@value #GRACE_MILLIS} ms (paused or cut off, not removed
 * yet) is presumed gone; one that keeps answering "ask again" (its instance drains) is waited for
 * up to the hand-off timeout plus {@value #GRACE_MILLIS} ms.
 *
 * <p>Meanwhile the new owner refuses the key's messages untouched ({@code NOT_OWNER}), and their
 * senders route them again (§17.2). A key released to this member stays released (its instance
 * may passivate and start again without asking) until another member asks for it or the member
 * list changes.
 */
final class ShardReleases {

    private static final Logger log = LoggerFactory.getLogger(ShardReleases.class);
    static final long POLL_MILLIS = 20;
    static final long GRACE_MILLIS = 2_000;
    /** Past this many remembered releases the memory is dropped: it costs handshakes, never safety. */
    private static final int MAX_RELEASED = 100_000;

    /** What the node gives this class: its engine, its shards, and whether it owns a key. */
    interface Node {
        ClusterEngine engine();

        /** Removes the local instance of {@code id} from the node's shards, if one is there. */
        ServerRef detach(ClusterNode.ShardId id);

        /** Tells whether this member owns the key now (and is not leaving). */
        boolean owns(String key);
    }

    private final Node node;
    private final ScheduledExecutorService timers;
    private final Executor async;
    private final Duration handoffTimeout;
    private final BooleanSupplier closed;
    private final Set<ClusterNode.ShardId> released = ConcurrentHashMap.newKeySet();
    private final Map<ClusterNode.ShardId, Request> requests = new ConcurrentHashMap<>();
    private final Map<ClusterNode.ShardId, CompletableFuture<Void>> stopping = new ConcurrentHashMap<>();

    ShardReleases(Node node, ScheduledExecutorService timers, Executor async, Duration handoffTimeout,
                  BooleanSupplier closed) {
        this.node = node;
        this.timers = timers;
        this.async = async;
        this.handoffTimeout = handoffTimeout;
        this.closed = closed;
    }

    /**
     * Tells whether this member may start the instance of {@code id} now; if not, asks the other
     * members to release it (once: later calls find the request running).
     */
    boolean mayStart(ClusterNode.ShardId id) {
        if (released.contains(id)) {
            return true;
        }
        ClusterEngine engine = node.engine();
        List<String> members = engine.members();
        String local = engine.localMember();
        if (members.size() == 1 && members.getFirst().equals(local) && !stopping.containsKey(id)) {
            released.add(id);
            return true;
        }
        Request[] created = new Request[1];
        requests.computeIfAbsent(id, i -> created[0] = new Request(i, members, local));
        if (created[0] != null) {
            try {
                async.execute(created[0]::poll);
            } catch (RejectedExecutionException e) {
                requests.remove(id, created[0]);
            }
        }
        return false;
    }

    /** The member list changed: whatever was released may have moved since, so ask again. */
    void membershipChanged() {
        released.clear();
    }

    /**
     * Answers another member that wants to start the instance of {@code id}: {@code ACCEPTED} when
     * this member neither runs nor stops it; else stops it (unless this member still owns the
     * key) and answers {@code NOT_OWNER} (ask again).
     */
    byte onRelease(ClusterNode.ShardId id) {
        released.remove(id);
        CompletableFuture<Void> stop = stopping.get(id);
        if (stop != null) {
            return Wire.NOT_OWNER;
        }
        if (node.owns(id.key())) {
            return Wire.NOT_OWNER; // partition tables disagree for a moment: the asker's catches up
        }
        ServerRef ref = node.detach(id);
        if (ref == null || !ref.isAlive()) {
            return Wire.ACCEPTED;
        }
        stop(id, ref, "handoff");
        return Wire.NOT_OWNER;
    }

    /** Stops a local instance that moved, queued messages first; a request for it waits for the end. */
    void stop(ClusterNode.ShardId id, ServerRef ref, String why) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> before = stopping.put(id, done);
        Runnable stop = () -> {
            try {
                if (before != null) {
                    before.join();
                }
                ref.stop(ExitReason.shutdown(why), handoffTimeout);
            } catch (NoProcessException e) {
                // already gone
            } catch (RuntimeException e) {
                log.warn("stopping {}[{}] for a hand-off failed", id.server(), id.key(), e);
            } finally {
                stopping.remove(id, done);
                done.complete(null);
            }
        };
        try {
            async.execute(stop);
        } catch (RejectedExecutionException e) {
            stop.run();
        }
    }

    /** One member's handshake for one key: asks the others until each has released it. */
    private final class Request {
        private final ClusterNode.ShardId id;
        private final Set<String> waiting = ConcurrentHashMap.newKeySet();
        /** The members asked and not answered yet, with when they were asked (one question at a time). */
        private final Map<String, Long> asked = new ConcurrentHashMap<>();
        private final long deadline = System.nanoTime() + handoffTimeout.toNanos()
                + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        private final byte[] envelope;

        Request(ClusterNode.ShardId id, List<String> members, String local) {
            this.id = id;
            for (String m : members) {
                if (!m.equals(local)) {
                    waiting.add(m);
                }
            }
            this.envelope = Wire.batch(List.of(new Wire.Envelope(Wire.RELEASE, 0, id.server(), id.key(), 0, "",
                    new byte[0])));
        }

        /** Asks every member still waited for that is not answering a question already, then again later. */
        void poll() {
            if (closed.getAsBoolean()) {
                requests.remove(id, this);
                return;
            }
            ClusterEngine engine = node.engine();
            List<String> members;
            try {
                members = engine.members();
            } catch (RuntimeException e) {
                members = List.of();
            }
            waiting.retainAll(members); // gone (failure detection, or left): released everything
            if (waiting.isEmpty() && !stopping.containsKey(id)) {
                done();
                return;
            }
            long now = System.nanoTime();
            if (now - deadline > 0) {
                log.warn("{}[{}] starts without the release of member(s) {}: not released within the hand-off "
                        + "timeout ({} ms) + {} ms", id.server(), id.key(), waiting, handoffTimeout.toMillis(),
                        GRACE_MILLIS);
                done();
                return;
            }
            for (String member : new HashSet<>(waiting)) {
                Long since = asked.get(member);
                if (since != null) {
                    if (now - since > TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS)) {
                        log.warn("{}[{}]: member {} has not answered its release request for {} ms (paused or cut "
                                + "off): presumed gone, as failure detection will find", id.server(), id.key(),
                                member, GRACE_MILLIS);
                        waiting.remove(member);
                        asked.remove(member);
                    }
                    continue;
                }
                asked.put(member, now);
                CompletableFuture<byte[]> answer;
                try {
                    answer = engine.deliver(member, envelope);
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
                answer.whenComplete((bytes, error) -> {
                    if (error == null ? Wire.answer(bytes).statuses()[0] == Wire.ACCEPTED : notDelivered(error)) {
                        waiting.remove(member);
                    }
                    asked.remove(member);
                });
            }
            if (waiting.isEmpty() && !stopping.containsKey(id)) {
                done();
            } else {
                later();
            }
        }

        /**
         * A request the engine could not hand to the member's node: no node runs there (not joined
         * yet, or closed) or the member is leaving the engine; either way it hosts nothing.
         */
        private static boolean notDelivered(Throwable error) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : error;
            return cause instanceof ClusterEngine.NotDeliveredException;
        }

        private void later() {
            try {
                timers.schedule(() -> async.execute(this::poll), POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                requests.remove(id, this);
            }
        }

        private void done() {
            if (released.size() >= MAX_RELEASED) {
                released.clear();
            }
            released.add(id);
            requests.remove(id, this);
        }
    }
}
