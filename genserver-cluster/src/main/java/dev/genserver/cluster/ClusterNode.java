package dev.genserver.cluster;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.CallTimeoutException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.MailboxFullException;
import dev.genserver.process.NoHandlerException;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a {@link ProcessRuntime} to a cluster: hosts its share of the declared
 * {@linkplain ClusteredServer singletons and sharded servers}, and routes calls and casts to
 * them wherever they run (contract §17).
 *
 * <pre>{@code
 * HazelcastInstance hz = Hazelcast.newHazelcastInstance(HazelcastEngine.configure(new Config()));
 * ClusterNode node = ClusterNode.start(runtime, new HazelcastEngine(hz), ClusterOptions.defaults(),
 *         new JsonMessageCodec(), List.of(
 *                 ClusteredServer.singleton("jobQueue", token -> new JobQueue(token)).accepting(Submit.class),
 *                 ClusteredServer.sharded("cart", Cart::new).accepting(Add.class, Items.class)));
 * List<String> items = node.shard("cart", "ann").call(new Add("book"));
 * }</pre>
 *
 * <h2 id="placement">Placement</h2>
 *
 * <p>Singletons run on the oldest member (the engine's member list, the same on every member),
 * not counting members that announced a graceful leave, while that member's side has quorum.
 * Sharded instances run on the owner of their key's partition and start on the first message.
 * Each member re-checks ownership when a message arrives and refuses it, untouched, if it is not
 * the owner; the sender then routes it again. A member that loses ownership or quorum stops the
 * instances concerned (a hand-off: queued messages are handled first, up to the hand-off timeout).
 *
 * <h2 id="delivery">Delivery</h2>
 *
 * <p>A node keeps one delivery in flight per target member and batches what queues behind it, so
 * messages from one member to another arrive in the order they were sent, and a delivery is never
 * repeated by the engine. Every call ends with its reply or one exception (see {@link ClusterRef}).
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    private static final long RETRY_MILLIS = 25;
    private static final int MAX_BATCH = 256;
    /** How long the answer to a batch waits for the replies of its calls, to carry them back itself. */
    private static final long INLINE_REPLY_MICROS = 1_000;

    private final ProcessRuntime runtime;
    private final ClusterEngine engine;
    private final ClusterOptions options;
    private final MessageCodec codec;
    private final Map<String, ClusteredServer> servers = new LinkedHashMap<>();
    private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();
    private final Map<ShardId, ServerRef> shards = new ConcurrentHashMap<>();
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    /** Casts waiting to be routed again: dead letters if the node closes first. */
    private final Set<Out> castsWaiting = ConcurrentHashMap.newKeySet();
    private final Set<String> leavingMembers = ConcurrentHashMap.newKeySet();
    /** Singletons seen running elsewhere, or here before: their next start here is a takeover. */
    private final Set<String> seenBefore = ConcurrentHashMap.newKeySet();
    private final AtomicLong callIds = new AtomicLong();
    /** Calls from other members accepted here whose reply has not been sent yet: a leave waits for them. */
    private final java.util.concurrent.atomic.AtomicInteger unansweredRemoteCalls =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Quorum quorum;
    /** Orders a key's move: the old owner's stop before the new owner's start (contract §17.5). */
    private final ShardReleases releases;
    private final ScheduledExecutorService control;
    private final ScheduledThreadPoolExecutor timers;
    private final ExecutorService workers;
    /** The workers, or a fresh virtual thread once they are shut down: completions are never lost. */
    private final java.util.concurrent.Executor async = task -> {
        try {
            workersOrThrow().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            Thread.ofVirtual().name("genserver-cluster-late").start(task);
        }
    };
    private volatile List<String> lastMembers = List.of();
    /**
     * Member ids replaced by a new id at the same address (this member's own after a split-brain
     * merge reset it, or another's that came back): certainly gone, so quorum never waits for
     * them. Control thread only.
     */
    private final Set<String> formerSelves = new java.util.HashSet<>();
    private @Nullable String lastLocal;
    /** The last member id seen at each address. Control thread only. */
    private final Map<String, String> idAt = new java.util.HashMap<>();
    private volatile long takeoverNotBefore = System.nanoTime();
    private volatile boolean leaving;
    private boolean joined;
    private volatile boolean closed;

    private final Map<String, LongAdder> callOutcomes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
    private final LongAdder handoffs = new LongAdder();
    private final LongAdder takeovers = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final List<java.util.function.Consumer<ClusterDeadLetter>> deadLetterListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private ClusterNode(ProcessRuntime runtime, ClusterEngine engine, ClusterOptions options, MessageCodec codec,
                        List<ClusteredServer> declared) {
        this.runtime = runtime;
        this.engine = engine;
        this.options = options;
        this.codec = codec;
        for (ClusteredServer server : declared) {
            if (servers.putIfAbsent(server.name(), server) != null) {
                throw new IllegalArgumentException("two clustered servers are named '" + server.name()
                        + "': names are cluster-unique");
            }
            for (Class<?> type : server.types()) {
                codec.declare(type);
            }
        }
        this.quorum = new Quorum(options.quorum(), options.stableAfter().toNanos());
        this.control = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("genserver-cluster-control").factory());
        this.timers = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("genserver-cluster-timers").factory());
        this.timers.setRemoveOnCancelPolicy(true);
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("genserver-cluster-", 0).factory());
        this.releases = new ShardReleases(new ShardReleases.Node() {
            @Override
            public ClusterEngine engine() {
                return engine;
            }

            @Override
            public @Nullable ServerRef detach(ShardId id) {
                return shards.remove(id);
            }

            @Override
            public boolean owns(String key) {
                return !leaving && !closed && engine.isRunning() && engine.localMember().equals(engine.ownerOf(key));
            }
        }, timers, async, options.handoffTimeout(), () -> closed);
    }

    /**
     * Starts a node: declares {@code servers}, connects to the engine and begins hosting. Every
     * member declares the same servers.
     *
     * @param runtime the runtime the hosted instances run in
     * @param engine the engine, already joined to its cluster
     * @param options the settings
     * @param codec the codec for messages and replies
     * @param servers the clustered servers
     * @return the running node
     * @throws IllegalArgumentException when two servers share a name or a declared type cannot be
     *         encoded
     */
    public static ClusterNode start(ProcessRuntime runtime, ClusterEngine engine, ClusterOptions options,
                                    MessageCodec codec, List<ClusteredServer> servers) {
        ClusterNode node = create(runtime, engine, options, codec, servers);
        node.join();
        return node;
    }

    /**
     * Creates a node that does not host anything yet: {@link #join()} starts it. Until then its
     * handles already route messages to the other members; messages from other members to this
     * one are refused untouched and routed again by their senders. An application framework uses
     * it to start hosting only once the application is ready (the Spring Boot auto-configuration
     * joins after the supervision tree has started).
     *
     * @param runtime the runtime the hosted instances run in
     * @param engine the engine, already joined to its cluster
     * @param options the settings
     * @param codec the codec for messages and replies
     * @param servers the clustered servers
     * @return the node, not hosting yet
     * @throws IllegalArgumentException when two servers share a name or a declared type cannot be
     *         encoded
     */
    public static ClusterNode create(ProcessRuntime runtime, ClusterEngine engine, ClusterOptions options,
                                     MessageCodec codec, List<ClusteredServer> servers) {
        return new ClusterNode(runtime, engine, options, codec, servers);
    }

    /**
     * Starts hosting: connects to the engine, which hands this node the messages of other members
     * from now on, and begins hosting this member's share of the servers. A second call does
     * nothing.
     */
    public void join() {
        synchronized (this) {
            if (joined || closed) {
                return;
            }
            joined = true;
        }
        lastMembers = engine.members();
        engine.start(new Inbound(), () -> onControl(this::onMembershipChange));
        control.scheduleWithFixedDelay(this::reconcileSafely, 0, 100, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- client side

    /**
     * Returns a handle on a singleton.
     *
     * @param name its name
     * @return the handle (resolved per message: valid across moves)
     * @throws IllegalArgumentException when no singleton of that name is declared
     */
    public ClusterRef singleton(String name) {
        ClusteredServer server = servers.get(name);
        if (server == null || server.placement() != Placement.SINGLETON) {
            throw new IllegalArgumentException("no singleton named '" + name + "' is declared; declared: "
                    + servers.keySet());
        }
        return new Ref(name, null);
    }

    /**
     * Returns a handle on the instance of {@code key} of a sharded server.
     *
     * @param name the sharded server's name
     * @param key the key, in its canonical string form
     * @return the handle (resolved per message: valid across moves)
     * @throws IllegalArgumentException when no sharded server of that name is declared
     */
    public ClusterRef shard(String name, String key) {
        Objects.requireNonNull(key, "key");
        ClusteredServer server = servers.get(name);
        if (server == null || server.placement() != Placement.SHARDED) {
            throw new IllegalArgumentException("no sharded server named '" + name + "' is declared; declared: "
                    + servers.keySet());
        }
        return new Ref(name, key);
    }

    private final class Ref implements ClusterRef {
        private final String name;
        private final @Nullable String key;

        Ref(String name, @Nullable String key) {
            this.name = name;
            this.key = key;
        }

        @Override
        public String displayName() {
            return key == null ? name : name + "[" + key + "]";
        }

        @Override
        public <R> R call(Object request) {
            return call(request, options.callTimeout());
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R call(Object request, Duration timeout) {
            try {
                // waited on directly: the reply wakes this thread without a hop through a worker,
                // and the thread times its own wait (no timer task to arm and cancel per call)
                Pending p = ClusterNode.this.call(name, key, request, timeout, false);
                return (R) p.await();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    cause.addSuppressed(new Exception("called from here"));
                    throw cause;
                }
                throw e;
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> CompletableFuture<R> callAsync(Object request, Duration timeout) {
            // completed on a node worker: the caller's callbacks never run on an engine thread
            CompletableFuture<R> result = new CompletableFuture<>();
            ClusterNode.this.send(Wire.CALL, name, key, request, timeout).whenComplete((value, error) -> async.execute(() -> {
                if (error == null) {
                    result.complete((R) value);
                } else {
                    result.completeExceptionally(error);
                }
            }));
            return result;
        }

        @Override
        public void cast(Object message) {
            ClusterNode.this.send(Wire.CAST, name, key, message, options.callTimeout());
        }

        @Override
        public void send(Object message) {
            ClusterNode.this.send(Wire.SEND, name, key, message, options.callTimeout());
        }

        @Override
        public @Nullable String owner() {
            return resolve(name, key);
        }

        @Override
        public String toString() {
            return "ClusterRef[" + displayName() + "]";
        }
    }

    private CompletableFuture<Object> send(byte kind, String name, @Nullable String key, Object message,
                                           Duration timeout) {
        if (kind == Wire.CALL) {
            return call(name, key, message, timeout, true).future;
        }
        Out out = out(kind, name, key, message, timeout);
        if (closed) {
            deadLetter(out, "closed");
        } else {
            route(out);
        }
        return CompletableFuture.completedFuture(null);
    }

    private Out out(byte kind, String name, @Nullable String key, Object message, Duration timeout) {
        Objects.requireNonNull(message, "message");
        byte[] payload = codec.encode(message);
        String display = key == null ? name : name + "[" + key + "]";
        return new Out(kind, kind == Wire.CALL ? callIds.incrementAndGet() : 0, name, key, message, payload,
                timeout, System.nanoTime() + timeout.toNanos(), display);
    }

    /**
     * Starts a call. With {@code timer}, a timer expires it at its deadline; without, the caller
     * must wait through {@link Pending#await()}, which expires it itself.
     */
    private Pending call(String name, @Nullable String key, Object request, Duration timeout, boolean timer) {
        Out out = out(Wire.CALL, name, key, request, timeout);
        Pending p = new Pending(out);
        pending.put(out.callId, p);
        if (timer) {
            p.timer = timers.schedule(() -> p.expire(), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (closed) {
            p.fail(new ClusterUnavailableException(out.display, out.messageType, "this member has left the cluster"),
                    "unavailable");
        } else {
            route(out);
        }
        return p;
    }

    /** Routes a message to the current owner, or waits and tries again. */
    private void route(Out out) {
        if (closed) {
            refuse(out, "closed", "this member has left the cluster");
            return;
        }
        if (out.kind == Wire.CALL && !pending.containsKey(out.callId)) {
            return; // timed out meanwhile
        }
        if (System.nanoTime() - out.deadline > 0) {
            refuse(out, "no_owner", "no member with quorum took it within " + out.timeout.toMillis()
                    + " ms (last: " + out.lastRefusal + ")");
            return;
        }
        String owner = resolve(out.target, out.key);
        if (owner == null) {
            retryLater(out, "no owner known");
            return;
        }
        if (leavingMembers.contains(owner)) {
            // it refuses everything while its partitions move away: wait for the new owner
            retryLater(out, "the owner " + owner + " is leaving");
            return;
        }
        if (owner.equals(engine.localMember())) {
            Pending p = out.kind == Wire.CALL ? pending.get(out.callId) : null;
            byte status = accept(owner, out.kind, out.target, out.key, out.remainingMillis(), () -> out.message,
                    (value, error) -> {
                        if (p != null) {
                            if (error == null) {
                                p.complete(value);
                            } else if (unwrap(error) instanceof NoProcessException) {
                                p.member = null; // stopped (handed off) before handling it: route it again
                                retryLater(out, "the instance here stopped before handling it");
                            } else {
                                p.failWith(unwrap(error));
                            }
                        }
                    });
            handleStatus(owner, out, status);
        } else {
            channels.computeIfAbsent(owner, Channel::new).send(out);
        }
    }

    private void retryLater(Out out, String why) {
        retries.increment();
        out.lastRefusal = why;
        if (closed) {
            refuse(out, "closed", "this member has left the cluster");
            return;
        }
        if (out.kind != Wire.CALL) {
            castsWaiting.add(out);
        }
        try {
            timers.schedule(() -> async.execute(() -> {
                if (out.kind == Wire.CALL || castsWaiting.remove(out)) {
                    route(out);
                }
            }), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            if (out.kind == Wire.CALL || castsWaiting.remove(out)) {
                refuse(out, "closed", "this member has left the cluster");
            }
        }
    }

    private void handleStatus(String member, Out out, byte status) {
        switch (status) {
            case Wire.ACCEPTED -> {
                if (out.kind == Wire.CALL) {
                    Pending p = pending.get(out.callId);
                    if (p != null) {
                        p.member = member;
                        if (!member.equals(engine.localMember()) && !engine.members().contains(member)) {
                            p.fail(new NodeDownException(out.display, out.messageType, member), "node_down");
                        }
                    }
                }
            }
            case Wire.NOT_OWNER -> retryLater(out, "member " + member + " is not the owner");
            case Wire.NO_QUORUM -> retryLater(out, "member " + member + " has no quorum");
            case Wire.NO_SERVER -> refuse(out, "no_server", null);
            case Wire.UNDECODABLE -> refuse(out, "undecodable", "member " + member + " cannot decode a "
                    + out.messageType + ": declare it on every member");
            case Wire.REFUSED -> refuse(out, "refused", "member " + member + " refused it (mailbox full or the "
                    + "instance could not start)");
            default -> throw new IllegalStateException("unknown status " + status);
        }
    }

    /** Ends a message that was never handled: a call fails, a cast is a dead letter. */
    private void refuse(Out out, String reason, @Nullable String why) {
        if (out.kind != Wire.CALL) {
            deadLetter(out, reason);
            return;
        }
        Pending p = pending.get(out.callId);
        if (p == null) {
            return;
        }
        if (reason.equals("no_server")) {
            p.fail(new NoProcessException(out.display, out.messageType, "no member declares '" + out.target + "'"),
                    "failed");
        } else {
            p.fail(new ClusterUnavailableException(out.display, out.messageType, Objects.requireNonNull(why)),
                    "unavailable");
        }
    }

    private void deadLetter(Out out, String reason) {
        deadLetters.computeIfAbsent(reason, r -> new LongAdder()).increment();
        log.debug("dead letter to {}: {} ({})", out.display, out.messageType, reason);
        ClusterDeadLetter letter = new ClusterDeadLetter(out.display, out.message, reason);
        for (var listener : deadLetterListeners) {
            try {
                listener.accept(letter);
            } catch (RuntimeException e) {
                log.warn("a cluster dead-letter listener threw", e);
            }
        }
    }

    private @Nullable String resolve(String name, @Nullable String key) {
        if (!engine.isRunning()) {
            return null;
        }
        try {
            return key == null ? singletonHost() : engine.ownerOf(key);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private @Nullable String singletonHost() {
        return singletonHost(engine.members());
    }

    private @Nullable String singletonHost(List<String> members) {
        for (String member : members) {
            if (!leavingMembers.contains(member)) {
                return member;
            }
        }
        return null;
    }

    /*
     * Implementation notes: the remote call path, hand-off by hand-off (W16 in benchmarks/README).
     *
     * Caller member: the caller's thread encodes, routes and, when the channel to the owner is idle,
     * sends the batch itself (submitToMember); it then waits on the call's future, timing its own
     * wait (no timer task per synchronous call: arming one woke the timer thread on every call).
     * Owner member: Hazelcast's operation thread hands the task to its executor thread (as for any
     * member-targeted task, the floor too); that thread decodes and queues the call in the server's
     * mailbox (the server's virtual thread wakes: the one hop the floor has not), then spins, yields
     * and at last parks (ReplyWait) up to INLINE_REPLY_MICROS for the reply, which travels back
     * with the answer to the batch. Caller member again: Hazelcast's response thread completes the
     * delivery's future directly (HazelcastEngine: not through Hazelcast's default async executor,
     * which on 2 cores started a platform thread per answer), frees the channel, settles the calls
     * and so wakes the caller. It never sends: Hazelcast refuses remote calls from that thread, so
     * a batch queued meanwhile leaves from a worker, and an idle channel is used next by the
     * sender's own thread. Per channel there is still one delivery in flight, sent in queue order.
     * Only an answer that accepted its whole batch is settled there; a failed delivery or a refusal
     * goes to a worker, since it may call dead-letter listeners (user code that may block).
     */

    /** The messages queued for one member, with at most one delivery in flight. */
    private final class Channel {
        private final String member;
        private final ArrayDeque<Out> queue = new ArrayDeque<>();
        private boolean inFlight;

        Channel(String member) {
            this.member = member;
        }

        /** Takes every message not yet sent. */
        synchronized List<Out> drain() {
            List<Out> left = new ArrayList<>(queue);
            queue.clear();
            return left;
        }

        void send(Out out) {
            boolean start;
            synchronized (this) {
                queue.add(out);
                start = !inFlight;
                inFlight = true;
            }
            if (start) {
                flush();
            }
        }

        private void flush() {
            List<Out> batch = new ArrayList<>();
            synchronized (this) {
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
                if (batch.isEmpty()) {
                    inFlight = false;
                    return;
                }
            }
            List<Wire.Envelope> envelopes = batch.stream().map(Out::envelope).toList();
            // the member announced its leave before this batch left: it refuses everything from now
            // on, so a batch lost with it was never handled and may be sent again
            boolean afterLeaveNotice = leavingMembers.contains(member);
            CompletableFuture<byte[]> delivery;
            try {
                delivery = engine.deliver(member, Wire.batch(envelopes));
            } catch (RuntimeException e) {
                delivery = CompletableFuture.failedFuture(e);
            }
            BiConsumer<byte[], Throwable> onAnswer = (statuses, error) -> {
                // the channel first: idle, the next message leaves from its sender's own thread; with
                // a backlog, the next batch leaves from a worker (an engine's callback thread must
                // not send: Hazelcast refuses remote calls from its response thread)
                if (next()) {
                    async.execute(this::flush);
                }
                if (error == null && Wire.allAccepted(statuses)) {
                    delivered(batch, statuses, null, afterLeaveNotice); // settles the calls: wakes their callers
                } else {
                    // failures and refusals may call dead-letter listeners: never on an engine's thread
                    async.execute(() -> delivered(batch, statuses, error, afterLeaveNotice));
                }
            };
            if (delivery.isDone()) {
                delivery.whenCompleteAsync(onAnswer, async); // failed at once: not on the sender's thread
            } else {
                delivery.whenComplete(onAnswer); // on the engine's callback thread: no hop to settle the calls
            }
        }

        /** After an answer: true if a batch waits (the channel stays in flight for it), else idle. */
        private synchronized boolean next() {
            if (queue.isEmpty()) {
                inFlight = false;
                return false;
            }
            return true;
        }

        private void delivered(List<Out> batch, byte @Nullable [] statuses, @Nullable Throwable error,
                               boolean afterLeaveNotice) {
            Throwable cause = unwrap(error);
            if (cause instanceof ClusterEngine.NotDeliveredException) {
                batch.forEach(out -> retryLater(out, "not delivered to " + member + ": " + cause.getMessage()));
            } else if (cause != null && afterLeaveNotice) {
                batch.forEach(out -> retryLater(out, "member " + member + " left gracefully"));
            } else if (cause != null) {
                for (Out out : batch) {
                    if (out.kind == Wire.CALL) {
                        Pending p = pending.get(out.callId);
                        if (p != null) {
                            p.fail(new NodeDownException(out.display, out.messageType, member), "node_down");
                        }
                    } else {
                        deadLetter(out, "node_down");
                    }
                }
            } else {
                Wire.Answer answer = Wire.answer(Objects.requireNonNull(statuses));
                byte[] s = answer.statuses();
                for (int i = 0; i < batch.size(); i++) {
                    handleStatus(member, batch.get(i), s[i]);
                }
                for (Wire.Reply reply : answer.replies()) {
                    Pending p = pending.get(reply.callId());
                    if (p != null) {
                        p.settle(reply);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- server side

    private byte accept(String sender, byte kind, String target, @Nullable String key, long timeoutMillis,
                        Supplier<@Nullable Object> message, BiConsumer<@Nullable Object, @Nullable Throwable> replies) {
        ClusteredServer server = servers.get(target);
        if (server == null || (server.placement() == Placement.SHARDED) != (key != null)) {
            return Wire.NO_SERVER;
        }
        if (closed) {
            return Wire.NOT_OWNER;
        }
        if (!quorum.present()) {
            return Wire.NO_QUORUM;
        }
        ServerRef ref;
        if (key == null) {
            Hosted h = hosted.get(target);
            if (h == null || !h.ref.isAlive()) {
                return Wire.NOT_OWNER;
            }
            ref = h.ref;
        } else {
            if (leaving || !engine.localMember().equals(engine.ownerOf(key))) {
                return Wire.NOT_OWNER;
            }
            ShardId shard = new ShardId(target, key);
            ServerRef running = shards.get(shard);
            if (running != null && running.isAlive()) {
                ref = running; // the common case: no lock on the map
            } else if (!releases.mayStart(shard)) {
                return Wire.NOT_OWNER; // another member may still run or stop it: routed again meanwhile
            } else {
                try {
                    ref = shards.compute(shard,
                            (id, old) -> old != null && old.isAlive() ? old : startShard(server, key));
                } catch (RuntimeException e) {
                    log.warn("could not start {}[{}] for a message from {}", target, key, sender, e);
                    return Wire.REFUSED;
                }
            }
        }
        Object decoded;
        try {
            decoded = message.get();
        } catch (IllegalArgumentException e) {
            log.warn("a message from {} to {} cannot be decoded: {}", sender, target, e.getMessage());
            return Wire.UNDECODABLE;
        }
        try {
            switch (kind) {
                case Wire.CALL -> ref.callAsync(Objects.requireNonNull(decoded, "a call needs a request"),
                        Duration.ofMillis(Math.max(1, timeoutMillis))).whenComplete(server.passivation() == null
                        ? replies : Passivations.retrying(server.passivation(), replies));
                case Wire.CAST -> ref.cast(Objects.requireNonNull(decoded, "a cast needs a message"));
                case Wire.SEND -> ref.send(Objects.requireNonNull(decoded, "a message is needed"));
                default -> throw new IllegalStateException("unknown envelope kind " + kind);
            }
        } catch (MailboxFullException e) {
            return Wire.REFUSED;
        }
        return Wire.ACCEPTED;
    }

    private ExecutorService workersOrThrow() {
        return workers;
    }

    private ServerRef startShard(ClusteredServer server, String key) {
        StartResult result = runtime.start(() -> Objects.requireNonNull(server.shardFactory()).apply(key),
                StartOptions.defaults().withDrainOnStop(true));
        if (result instanceof StartResult.Started(ServerRef ref)) {
            return ref;
        }
        throw new IllegalStateException(server.name() + "[" + key + "] ignored its start");
    }

    private final class Inbound implements ClusterEngine.Inbound {
        @Override
        public byte[] deliver(String sender, byte[] bytes) {
            List<Wire.Envelope> envelopes = Wire.batch(bytes);
            byte[] statuses = new byte[envelopes.size()];
            List<InlineSlot> slots = null;
            java.util.concurrent.CountDownLatch ready = null;
            for (int i = 0; i < statuses.length; i++) {
                Wire.Envelope e = envelopes.get(i);
                if (e.kind() == Wire.LEAVING) {
                    leavingMembers.add(sender);
                    onControl(ClusterNode.this::reconcileSafely);
                    statuses[i] = Wire.ACCEPTED;
                    continue;
                }
                if (e.kind() == Wire.RELEASE) {
                    statuses[i] = e.key() == null ? Wire.NO_SERVER : releases.onRelease(new ShardId(e.target(), e.key()));
                    continue;
                }
                long callId = e.callId();
                boolean call = e.kind() == Wire.CALL;
                InlineSlot slot = null;
                if (call) {
                    unansweredRemoteCalls.incrementAndGet();
                    if (ready == null) {
                        ready = new java.util.concurrent.CountDownLatch(envelopes.size());
                        slots = new ArrayList<>();
                    }
                    slot = new InlineSlot(ready);
                }
                InlineSlot inline = slot;
                Object[] request = new Object[1];
                byte status = Wire.REFUSED;
                try {
                    status = accept(sender, e.kind(), e.target(), e.key(), e.timeoutMillis(),
                            () -> request[0] = codec.decode(e.payload()),
                            (value, error) -> {
                                Wire.Reply reply = replyOf(callId, request[0], value, error);
                                if (inline != null && inline.offer(reply)) {
                                    return; // travels back with the answer to the batch
                                }
                                try {
                                    engine.notify(sender, Wire.reply(reply));
                                } finally {
                                    unansweredRemoteCalls.decrementAndGet();
                                }
                            });
                } finally {
                    if (call && status != Wire.ACCEPTED) {
                        unansweredRemoteCalls.decrementAndGet(); // refused: no reply will be sent
                    }
                }
                if (slot != null && status == Wire.ACCEPTED) {
                    slots.add(slot);
                }
                statuses[i] = status;
            }
            if (slots == null || slots.isEmpty()) {
                return Wire.answer(statuses, List.of());
            }
            // a fast handler's reply travels back with this answer: one task instead of two
            try {
                for (long n = envelopes.size() - slots.size(); n > 0; n--) {
                    ready.countDown();
                }
                ReplyWait.await(ready, TimeUnit.MICROSECONDS.toNanos(INLINE_REPLY_MICROS));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            List<Wire.Reply> inline = new ArrayList<>(slots.size());
            for (InlineSlot slot : slots) {
                Wire.Reply reply = slot.close();
                if (reply != null) {
                    inline.add(reply);
                    unansweredRemoteCalls.decrementAndGet();
                }
            }
            return Wire.answer(statuses, inline);
        }

        @Override
        public void notify(String sender, byte[] bytes) {
            Wire.Reply reply = Wire.reply(bytes);
            Pending p = pending.get(reply.callId());
            if (p != null) {
                p.settle(reply);
            }
        }

        @Override
        public void engineStopped() {
            async.execute(() -> shutdownLocal("the engine stopped"));
        }
    }

    /**
     * Where a call's reply goes if it is ready before the answer to its batch leaves: offered by
     * the replying thread, closed by the delivering thread; whichever comes second loses, and then
     * the reply travels as its own task.
     */
    private static final class InlineSlot {
        private final java.util.concurrent.CountDownLatch ready;
        private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
        private volatile Wire.@Nullable Reply reply;

        InlineSlot(java.util.concurrent.CountDownLatch ready) {
            this.ready = ready;
        }

        boolean offer(Wire.Reply r) {
            reply = r;
            if (state.compareAndSet(0, 1)) {
                ready.countDown();
                return true;
            }
            return false;
        }

        Wire.@Nullable Reply close() {
            return state.compareAndSet(0, 2) ? null : reply;
        }
    }

    private Wire.Reply replyOf(long callId, @Nullable Object request, @Nullable Object value,
                               @Nullable Throwable error) {
        if (error == null) {
            try {
                return new Wire.Reply(callId, Wire.OK,
                        request == null ? codec.encode(value) : codec.encodeReply(request, value), "");
            } catch (RuntimeException e) {
                return new Wire.Reply(callId, Wire.FAILED, new byte[0], "the reply cannot be encoded: " + e.getMessage());
            }
        }
        Throwable cause = unwrap(error);
        if (request != null) {
            try {
                byte[] declared = codec.encodeFailure(request, cause);
                if (declared != null) {
                    return new Wire.Reply(callId, Wire.DECLARED, declared, "");
                }
            } catch (RuntimeException e) {
                log.debug("a declared failure cannot be encoded; it is sent as text", e);
            }
        }
        return switch (cause) {
            case NoHandlerException n -> new Wire.Reply(callId, Wire.NO_HANDLER, new byte[0],
                    "on member " + engine.localMember());
            case CallFailedException f -> new Wire.Reply(callId, Wire.FAILED, new byte[0],
                    f.getCause() == null ? f.getMessage() : f.getCause().toString());
            case ServerStoppedException s -> new Wire.Reply(callId, Wire.STOPPED, new byte[0], String.valueOf(s.reason()));
            case NoProcessException n -> new Wire.Reply(callId, Wire.NOPROC, new byte[0], n.getMessage());
            case CallTimeoutException t -> new Wire.Reply(callId, Wire.TIMEOUT, new byte[0], t.getMessage());
            case MailboxFullException m -> new Wire.Reply(callId, Wire.MAILBOX_FULL, new byte[0], m.getMessage());
            default -> new Wire.Reply(callId, Wire.FAILED, new byte[0], cause.toString());
        };
    }

    // ---------------------------------------------------------------- membership, hosting, hand-off

    private void onControl(Runnable task) {
        try {
            control.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private void onMembershipChange() {
        if (closed || !engine.isRunning()) {
            return;
        }
        onMembershipChange(engine.members());
    }

    private void onMembershipChange(List<String> now) {
        for (String gone : lastMembers) {
            if (now.contains(gone)) {
                continue;
            }
            if (!leavingMembers.remove(gone)) {
                takeoverNotBefore = System.nanoTime() + options.takeoverDelay().toNanos();
                log.info("member {} vanished: its singletons start elsewhere after {} ms", gone,
                        options.takeoverDelay().toMillis());
            }
            for (Pending p : pending.values()) {
                if (gone.equals(p.member)) {
                    p.fail(new NodeDownException(p.out.display, p.out.messageType, gone), "node_down");
                }
            }
        }
        lastMembers = now;
        releases.membershipChanged();
        reconcile(now);
    }

    /**
     * Reconciles against one snapshot of the member list: a member that vanishes between two
     * reads is seen first by the membership check, which arms the takeover delay, and never by a
     * reconcile that would otherwise start its singletons at once.
     */
    private void reconcileSafely() {
        try {
            if (closed || !engine.isRunning()) {
                return;
            }
            List<String> now = engine.members();
            if (!lastMembers.equals(now)) {
                onMembershipChange(now);
            } else {
                reconcile(now);
            }
        } catch (RuntimeException e) {
            if (!closed && engine.isRunning()) {
                log.warn("cluster reconcile failed; retried in 100 ms", e);
            }
        }
    }

    /** Starts and stops what this member should host now. Runs on the control thread only. */
    private void reconcile(List<String> members) {
        if (closed || !engine.isRunning()) {
            return;
        }
        String local = engine.localMember();
        if (lastLocal != null && !lastLocal.equals(local)) {
            formerSelves.add(lastLocal);
            log.info("this member rejoined as {} (was {})", local, lastLocal);
        }
        lastLocal = local;
        // a member back at the same address under a new id (a merge after a pause) replaces its old
        // id: without this, a crash soon after could leave the survivors short of a majority forever
        for (String m : members) {
            String address = engine.addressOf(m);
            if (address != null) {
                String before = idAt.put(address, m);
                if (before != null && !before.equals(m) && !members.contains(before)) {
                    formerSelves.add(before);
                }
            }
        }
        Set<String> gone = leavingMembers;
        if (!formerSelves.isEmpty()) {
            gone = new java.util.HashSet<>(leavingMembers);
            gone.addAll(formerSelves);
        }
        boolean has = quorum.evaluate(members, gone, System.nanoTime());
        boolean host = has && !leaving && local.equals(singletonHost(members));
        for (ClusteredServer server : servers.values()) {
            if (server.placement() != Placement.SINGLETON) {
                continue;
            }
            Hosted h = hosted.get(server.name());
            String current = singletonHost(members);
            if (current != null && !current.equals(local)) {
                seenBefore.add(server.name());
            }
            if (h != null && (!host || !h.ref.isAlive())) {
                hosted.remove(server.name(), h);
                if (h.ref.isAlive()) {
                    handoffs.increment();
                    log.info("singleton '{}' (fencing token {}) stops here: {}", server.name(), h.token,
                            has ? "another member hosts it now" : "this side lost quorum");
                    stopLater(h.ref, has ? "handoff" : "quorum_lost");
                }
                h = null;
            }
            if (h == null && host && System.nanoTime() - takeoverNotBefore >= 0) {
                long token;
                try {
                    token = engine.nextFencingToken(server.name());
                } catch (RuntimeException e) {
                    log.debug("no fencing token for '{}' yet: {}", server.name(), e.toString());
                    continue;
                }
                long t = token;
                StartResult result = runtime.start(() -> Objects.requireNonNull(server.singletonFactory()).apply(t),
                        StartOptions.defaults().withDrainOnStop(true));
                if (result instanceof StartResult.Started(ServerRef ref)) {
                    hosted.put(server.name(), new Hosted(ref, token));
                    if (!seenBefore.add(server.name())) {
                        takeovers.increment();
                    }
                    log.info("singleton '{}' runs here with fencing token {}", server.name(), token);
                }
            }
        }
        for (Map.Entry<ShardId, ServerRef> e : shards.entrySet()) {
            String owner;
            try {
                owner = engine.ownerOf(e.getKey().key());
            } catch (RuntimeException ex) {
                owner = null;
            }
            if (!has || !local.equals(owner) || !e.getValue().isAlive()) {
                if (shards.remove(e.getKey(), e.getValue()) && e.getValue().isAlive()) {
                    handoffs.increment();
                    releases.stop(e.getKey(), e.getValue(), has ? "handoff" : "quorum_lost");
                }
            }
        }
    }

    private void stopLater(ServerRef ref, String why) {
        async.execute(() -> stopNow(ref, why, options.handoffTimeout()));
    }

    private static void stopNow(ServerRef ref, String why, Duration timeout) {
        try {
            ref.stop(ExitReason.shutdown(why), timeout);
        } catch (NoProcessException e) {
            // already gone
        }
    }

    // ---------------------------------------------------------------- inspection

    /**
     * Returns this member's id.
     *
     * @return the id
     */
    public String member() {
        return engine.localMember();
    }

    /**
     * Tells whether this side of the cluster has quorum (contract §17.6).
     *
     * @return true when this member may host singletons and sharded instances
     */
    public boolean hasQuorum() {
        return quorum.present() && !closed;
    }

    /**
     * Returns the fencing token of the singleton's incarnation running here.
     *
     * @param name the singleton's name
     * @return the token, or empty when it does not run here
     */
    public OptionalLong fencingToken(String name) {
        Hosted h = hosted.get(name);
        return h == null ? OptionalLong.empty() : OptionalLong.of(h.token);
    }

    /**
     * Returns the node's settings.
     *
     * @return the options it was created with
     */
    public ClusterOptions options() {
        return options;
    }

    /**
     * Returns the instance of a singleton, or of one key of a sharded server, if it runs on this
     * member now.
     *
     * @param name the server's name
     * @param key the key of a sharded server's instance, or null for a singleton
     * @return the local instance, or empty when it runs elsewhere or nowhere
     */
    public Optional<ServerRef> localInstance(String name, @Nullable String key) {
        ServerRef ref;
        if (key == null) {
            Hosted h = hosted.get(name);
            ref = h == null ? null : h.ref;
        } else {
            ref = shards.get(new ShardId(name, key));
        }
        return ref != null && ref.isAlive() ? Optional.of(ref) : Optional.empty();
    }

    /**
     * Returns the instances of a sharded server that run on this member now.
     *
     * @param name the sharded server's name
     * @return their references, in start order
     */
    public List<ServerRef> localInstances(String name) {
        return shards.entrySet().stream().filter(e -> e.getKey().server().equals(name))
                .map(Map.Entry::getValue).filter(ServerRef::isAlive)
                .sorted(java.util.Comparator.comparingLong(ServerRef::id)).toList();
    }

    /**
     * Returns the member that owns {@code key}'s partition.
     *
     * @param key the key, in canonical string form
     * @return the member, or empty while the partition has no owner
     */
    public Optional<String> ownerOf(String key) {
        return Optional.ofNullable(resolve("", key));
    }

    /**
     * Returns what this member knows of the cluster now.
     *
     * @return the status
     */
    public ClusterStatus status() {
        Map<String, Long> tokens = new TreeMap<>();
        hosted.forEach((name, h) -> tokens.put(name, h.token));
        boolean running = !closed && engine.isRunning();
        return new ClusterStatus(running ? engine.localMember() : "", running ? engine.members() : List.of(),
                hasQuorum(), quorum.baseline(), running ? singletonHost() : null, tokens, shards.size(), leaving);
    }

    /**
     * Returns the counters since start.
     *
     * @return the statistics
     */
    public ClusterStatistics statistics() {
        Map<String, Long> calls = new TreeMap<>();
        callOutcomes.forEach((k, v) -> calls.put(k, v.sum()));
        Map<String, Long> dead = new TreeMap<>();
        deadLetters.forEach((k, v) -> dead.put(k, v.sum()));
        return new ClusterStatistics(calls, handoffs.sum(), takeovers.sum(), dead, retries.sum());
    }

    /**
     * Adds a listener told of every cast this node could not deliver (dead letters of the
     * runtimes that host the servers are reported by those runtimes).
     *
     * @param listener the listener, called on the thread that gave up
     */
    public void onDeadLetter(java.util.function.Consumer<ClusterDeadLetter> listener) {
        deadLetterListeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Returns the declared servers, by name.
     *
     * @return the declarations
     */
    public Map<String, ClusteredServer> servers() {
        return Map.copyOf(servers);
    }

    // ---------------------------------------------------------------- leaving

    /**
     * Leaves the cluster gracefully (a rolling deploy, a scale-in): stops hosting singletons and
     * sharded instances, each handling its queued messages first (up to the hand-off timeout),
     * tells the other members so that the next host starts the singletons without the takeover
     * delay, then lets the engine move this member's partitions away. Calls to this member's servers are refused meanwhile and routed again by their
     * senders. Returns when done; a second call does nothing.
     */
    public void leave() {
        synchronized (this) {
            if (leaving || closed) {
                return;
            }
            leaving = true;
        }
        log.info("member {} leaves the cluster gracefully", engine.localMember());
        List<Hosted> stopping = new ArrayList<>();
        try {
            control.submit(() -> {
                stopping.addAll(hosted.values());
                hosted.clear();
            }).get();
        } catch (Exception e) {
            log.warn("could not stop hosting singletons before leaving", e);
        }
        for (Hosted h : stopping) {
            handoffs.increment();
            stopNow(h.ref, "handoff", options.handoffTimeout());
        }
        // sharded instances hand off here, while replies can still travel: each handles what it
        // had queued; from now on their messages are refused and re-routed, and their senders
        // find the new owners once the engine has moved this member's partitions away
        List<ServerRef> shardRefs = new ArrayList<>(shards.values());
        shards.clear();
        List<CompletableFuture<Void>> drained = new ArrayList<>();
        for (ServerRef ref : shardRefs) {
            handoffs.increment();
            drained.add(CompletableFuture.runAsync(() -> stopNow(ref, "handoff", options.handoffTimeout()), async));
        }
        CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new)).join();
        awaitHandedOff();
        byte[] leavingNotice = Wire.batch(List.of(new Wire.Envelope(Wire.LEAVING, 0, "", null, 0, "", new byte[0])));
        List<CompletableFuture<byte[]>> notices = new ArrayList<>();
        String local = engine.localMember();
        for (String member : engine.members()) {
            if (!member.equals(local)) {
                try {
                    notices.add(engine.deliver(member, leavingNotice));
                } catch (RuntimeException e) {
                    // that member is gone too
                }
            }
        }
        try {
            CompletableFuture.allOf(notices.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("not every member acknowledged the leave notice: {}", e.toString());
        }
        try {
            engine.leave();
        } finally {
            shutdownLocal("this member left the cluster");
        }
    }

    /**
     * Waits, up to the hand-off timeout, until no instance is left here and every call accepted
     * from another member has had its reply sent: a message accepted just before the leave began
     * may have started an instance after the first sweep, and its reply must leave before the engine.
     */
    private void awaitHandedOff() {
        long deadline = System.nanoTime() + options.handoffTimeout().toNanos();
        while (System.nanoTime() - deadline < 0) {
            List<ServerRef> late = new ArrayList<>(shards.values());
            shards.clear();
            for (ServerRef ref : late) {
                handoffs.increment();
                stopNow(ref, "handoff", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            if (shards.isEmpty() && unansweredRemoteCalls.get() <= 0) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        log.warn("member {} leaves with {} accepted call(s) still unanswered after the hand-off timeout ({} ms)",
                engine.localMember(), unansweredRemoteCalls.get(), options.handoffTimeout().toMillis());
    }

    /** Leaves gracefully if still a member, then releases the node's threads. */
    @Override
    public void close() {
        if (!closed && engine.isRunning()) {
            leave();
        } else {
            shutdownLocal("this member left the cluster");
        }
    }

    private void shutdownLocal(String why) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        control.shutdownNow();
        List<ServerRef> local = new ArrayList<>();
        hosted.values().forEach(h -> local.add(h.ref));
        hosted.clear();
        local.addAll(shards.values());
        shards.clear();
        for (ServerRef ref : local) {
            stopNow(ref, "left", Duration.ZERO);
        }
        for (Pending p : pending.values()) {
            p.fail(p.member == null
                    ? new ClusterUnavailableException(p.out.display, p.out.messageType, why)
                    : new NodeDownException(p.out.display, p.out.messageType, p.member), "unavailable");
        }
        timers.shutdownNow();
        // casts that were still waiting for a retry or in a channel's queue: dead letters, not lost
        for (Out out : List.copyOf(castsWaiting)) {
            if (castsWaiting.remove(out)) {
                deadLetter(out, "closed");
            }
        }
        for (Channel channel : channels.values()) {
            for (Out out : channel.drain()) {
                if (out.kind == Wire.CALL) {
                    Pending p = pending.get(out.callId);
                    if (p != null) {
                        p.fail(new ClusterUnavailableException(out.display, out.messageType, why), "unavailable");
                    }
                } else {
                    deadLetter(out, "closed");
                }
            }
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(options.handoffTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
            control.awaitTermination(5, TimeUnit.SECONDS);
            timers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("cluster node closed: {}", why);
    }

    // ---------------------------------------------------------------- records

    private static Throwable unwrap(@Nullable Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) {
            if (t.getCause() == null) {
                break;
            }
            t = t.getCause();
        }
        return t;
    }

    record ShardId(String server, String key) {
    }

    private record Hosted(ServerRef ref, long token) {
    }

    /** One outgoing message. */
    private static final class Out {
        final byte kind;
        final long callId;
        final String target;
        final @Nullable String key;
        final Object message;
        final byte[] payload;
        final Duration timeout;
        final long deadline;
        final String display;
        final String messageType;
        volatile String lastRefusal = "none";

        Out(byte kind, long callId, String target, @Nullable String key, Object message, byte[] payload,
            Duration timeout, long deadline, String display) {
            this.kind = kind;
            this.callId = callId;
            this.target = target;
            this.key = key;
            this.message = message;
            this.payload = payload;
            this.timeout = timeout;
            this.deadline = deadline;
            this.display = display;
            this.messageType = message instanceof dev.genserver.process.DescribedMessage d ? d.messageType()
                    : message.getClass().getName();
        }

        long remainingMillis() {
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        }

        Wire.Envelope envelope() {
            return new Wire.Envelope(kind, callId, target, key, remainingMillis(), messageType, payload);
        }
    }

    /** A call waiting for its outcome. */
    private final class Pending {
        final Out out;
        final CompletableFuture<Object> future = new CompletableFuture<>();
        volatile @Nullable String member;
        volatile @Nullable ScheduledFuture<?> timer;

        Pending(Out out) {
            this.out = out;
        }

        void complete(@Nullable Object value) {
            if (pending.remove(out.callId, this)) {
                count("ok");
                cancelTimer();
                future.complete(value);
            }
        }

        void fail(Throwable error, String outcome) {
            if (pending.remove(out.callId, this)) {
                count(outcome);
                cancelTimer();
                future.completeExceptionally(error);
            }
        }

        /** Fails with an exception the local server gave. */
        void failWith(Throwable error) {
            fail(error, error instanceof CallTimeoutException ? "timeout" : "failed");
        }

        /**
         * Waits for the outcome on the calling thread and expires the call at its deadline: what
         * the timer does for an asynchronous call. Uninterruptible, like {@code join()}; an
         * interrupt is kept for the caller.
         */
        @Nullable Object await() {
            boolean interrupted = false;
            try {
                while (true) {
                    long left = out.deadline - System.nanoTime();
                    if (left <= 0) {
                        expire();
                        return future.join(); // expired, or completed just before
                    }
                    try {
                        return future.get(left, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (java.util.concurrent.TimeoutException e) {
                        // loop: expires it
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new CompletionException(e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void expire() {
            if (member == null) {
                fail(new ClusterUnavailableException(out.display, out.messageType, "no member with quorum took it within "
                        + out.timeout.toMillis() + " ms (last: " + out.lastRefusal + "); it was not handled"), "unavailable");
            } else {
                fail(new CallTimeoutException(out.display, out.messageType, out.timeout), "timeout");
            }
        }

        void settle(Wire.Reply reply) {
            String server = out.display;
            String type = out.messageType;
            switch (reply.outcome()) {
                case Wire.OK -> {
                    Object value;
                    try {
                        value = codec.decodeReply(out.message, reply.payload());
                    } catch (RuntimeException e) {
                        fail(new CallFailedException(server, type, e), "failed");
                        return;
                    }
                    complete(value);
                }
                case Wire.DECLARED -> {
                    Throwable declared;
                    try {
                        declared = codec.decodeFailure(out.message, reply.payload());
                    } catch (RuntimeException e) {
                        fail(new CallFailedException(server, type, e), "failed");
                        return;
                    }
                    fail(declared, "failed");
                }
                case Wire.STOPPED -> fail(new ServerStoppedException(server, type, ExitReason.error(reply.detail())),
                        "failed");
                case Wire.NO_HANDLER -> fail(new NoHandlerException(server, reply.detail(), type), "failed");
                case Wire.NOPROC -> {
                    // the instance stopped (a hand-off) before handling it: never handled, so route it again
                    member = null;
                    retryLater(out, "the instance stopped before handling it: " + reply.detail());
                }
                case Wire.TIMEOUT -> fail(new CallTimeoutException(server, type, out.timeout), "timeout");
                case Wire.MAILBOX_FULL -> fail(new ClusterUnavailableException(server, type, reply.detail()),
                        "unavailable");
                default -> fail(new CallFailedException(server, type, new RemoteFailure(reply.detail())), "failed");
            }
        }

        private void cancelTimer() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    private void count(String outcome) {
        callOutcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    /** What a handler on another member threw, as text (exceptions do not cross the wire as objects). */
    static final class RemoteFailure extends RuntimeException {
        RemoteFailure(String description) {
            super(description, null, false, false);
        }
    }
}
