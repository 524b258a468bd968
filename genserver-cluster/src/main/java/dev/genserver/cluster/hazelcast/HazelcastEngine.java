package dev.genserver.cluster.hazelcast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.ReplicaMigrationEvent;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.genserver.cluster.ClusterEngine;
import dev.genserver.cluster.ClusterUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ClusterEngine} on an embedded Hazelcast Community member. Build the member's
 * {@link Config} through {@link #configure(Config)} (or, in Spring Boot, let the
 * auto-configuration's {@code HazelcastConfigCustomizer} do it): it registers the wire tasks'
 * serializer factory (no Java serialization), the {@value #EXECUTOR} executor and the
 * {@value #FENCING_MAP} map.
 *
 * <p>Delivery uses {@code IExecutorService.submitToMember}: when the target dies with a task in
 * flight the future fails with {@code MemberLeftException} and the task is not run again (the
 * at-most-once primitive; {@code submitToKeyOwner} would re-run it). Several members in one JVM
 * each find their own node through {@link HazelcastInstance#getUserContext()}: no statics.
 */
public final class HazelcastEngine implements ClusterEngine {

    /** The executor that carries deliveries and replies. */
    public static final String EXECUTOR = "genserver";
    /** The map that keeps the fencing counter of every singleton. */
    public static final String FENCING_MAP = "genserver.fencing";
    static final String USER_CONTEXT_KEY = "dev.genserver.cluster.inbound";

    private final HazelcastInstance hazelcast;
    private final IExecutorService executor;
    private volatile @Nullable MemberView view;
    private volatile @Nullable Ids localIds;
    private volatile @Nullable UUID membershipRegistration;
    private volatile @Nullable UUID migrationRegistration;
    private volatile @Nullable UUID lifecycleRegistration;

    /**
     * Adapts a running member.
     *
     * @param hazelcast the member, built from a {@link #configure configured} {@link Config}
     * @throws IllegalStateException when the member was not configured for genserver-cluster
     */
    public HazelcastEngine(HazelcastInstance hazelcast) {
        if (!hazelcast.getConfig().getSerializationConfig().getDataSerializableFactories()
                .containsKey(WireTasks.FACTORY_ID)) {
            throw new IllegalStateException("the HazelcastInstance '" + hazelcast.getName() + "' was not configured "
                    + "for genserver-cluster: build its Config with HazelcastEngine.configure(config) (the Spring Boot "
                    + "auto-configuration does so through a HazelcastConfigCustomizer)");
        }
        this.hazelcast = hazelcast;
        this.executor = hazelcast.getExecutorService(EXECUTOR);
    }

    /**
     * Adds what genserver-cluster needs to a member's configuration and returns it: the wire
     * tasks' serializer factory, the {@value #EXECUTOR} executor (unless configured already) and
     * the {@value #FENCING_MAP} map with one backup.
     *
     * @param config the configuration to complete
     * @return the same configuration
     */
    public static Config configure(Config config) {
        config.getSerializationConfig().addDataSerializableFactory(WireTasks.FACTORY_ID, new WireTasks());
        if (!config.getExecutorConfigs().containsKey(EXECUTOR)) {
            config.addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(8).setStatisticsEnabled(false));
        }
        if (!config.getMapConfigs().containsKey(FENCING_MAP)) {
            config.addMapConfig(new MapConfig(FENCING_MAP).setBackupCount(1));
        }
        return config;
    }

    /**
     * Returns the member this engine runs on.
     *
     * @return the Hazelcast member
     */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    @Override
    public String localMember() {
        Member local = hazelcast.getCluster().getLocalMember();
        Ids ids = localIds;
        if (ids == null || ids.local != local || ids.uuid != local.getUuid()) {
            ids = new Ids(local, local.getUuid(), local.getUuid().toString());
            localIds = ids;
        }
        return ids.id;
    }

    @Override
    public List<String> members() {
        return view().ids;
    }

    /**
     * The member list as ids and by id, rebuilt only when Hazelcast's member set changes (it hands
     * out the same set until the membership changes): every remote message looks its target up.
     */
    private MemberView view() {
        Set<Member> current = hazelcast.getCluster().getMembers();
        MemberView v = view;
        if (v == null || v.source != current) {
            List<String> ids = new ArrayList<>();
            Map<String, Member> byId = new HashMap<>();
            for (Member m : current) {
                String id = m.getUuid().toString();
                byId.put(id, m);
                if (!m.isLiteMember()) {
                    ids.add(id);
                }
            }
            v = new MemberView(current, List.copyOf(ids), byId);
            view = v;
        }
        return v;
    }

    private record MemberView(Set<Member> source, List<String> ids, Map<String, Member> byId) {
    }

    /** This member's id, kept while Hazelcast keeps its local member (a merge gives it a new one). */
    private record Ids(Member local, UUID uuid, String id) {
    }

    @Override
    public @Nullable String addressOf(String member) {
        Member m = member(member);
        return m == null ? null : m.getAddress().toString();
    }

    @Override
    public @Nullable String ownerOf(String shardKey) {
        Member owner = partition(shardKey).getOwner();
        return owner == null ? null : owner.getUuid().toString();
    }

    @Override
    public int partitionOf(String shardKey) {
        return partition(shardKey).getPartitionId();
    }

    private Partition partition(String shardKey) {
        return hazelcast.getPartitionService().getPartition(shardKey);
    }

    private @Nullable Member member(String id) {
        return view().byId.get(id);
    }

    @Override
    public CompletableFuture<byte[]> deliver(String member, byte[] bytes) {
        Member target = member(member);
        if (target == null) {
            return CompletableFuture.failedFuture(new NotDeliveredException(member + " is not a member", null));
        }
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        try {
            // Completed on the thread that completes Hazelcast's future, its response thread, as the
            // answer lands (a direct executor). Hazelcast runs callbacks given without an executor
            // (the ExecutionCallback overload, and even the future's plain whenComplete) through its
            // default async executor: the common pool, or a new platform thread per callback when
            // the common pool has fewer than 2 threads (2 cores). That hop was the largest cost of a
            // remote call. The callback never blocks (see ClusterNode's Channel).
            Future<byte[]> answer = executor.submitToMember(new WireTasks.Deliver(localMember(), bytes), target);
            if (!(answer instanceof CompletionStage<?> stage)) {
                throw new IllegalStateException("Hazelcast's submitToMember returned a " + answer.getClass().getName()
                        + ", not a CompletionStage: this Hazelcast version is not supported");
            }
            stage.whenCompleteAsync((value, error) -> {
                if (error == null) {
                    result.complete((byte[]) value);
                } else {
                    result.completeExceptionally(translate(member, error));
                }
            }, Runnable::run);
        } catch (RuntimeException e) {
            result.completeExceptionally(translate(member, e));
        }
        return result;
    }

    private static RuntimeException translate(String member, Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TargetNotMemberException || t instanceof java.util.concurrent.RejectedExecutionException
                || t instanceof IllegalThreadStateException) { // a thread that may not send: it never left
            return new NotDeliveredException("not delivered to " + member + ": " + t.getMessage(), t);
        }
        if (t instanceof MemberLeftException || t instanceof HazelcastInstanceNotActiveException) {
            return new IndeterminateException("member " + member + " left with a delivery in flight", t);
        }
        return new IndeterminateException("delivery to " + member + " failed: " + t, t);
    }

    @Override
    public void notify(String member, byte[] bytes) {
        Member target = member(member);
        if (target == null) {
            return;
        }
        try {
            executor.executeOnMember(new WireTasks.Notify(localMember(), bytes), target);
        } catch (RuntimeException e) {
            // the member or this engine is gone: the caller's node fails the call on its own
        }
    }

    @Override
    public long nextFencingToken(String name) {
        try {
            IMap<String, Long> map = hazelcast.getMap(FENCING_MAP);
            while (true) {
                // never below the cluster clock: if every replica of the counter was lost (a member
                // killed before its backups were made), the next token is still higher than the last
                long floor = hazelcast.getCluster().getClusterTime();
                Long old = map.get(name);
                long next = Math.max(old == null ? 1 : old + 1, floor);
                if (old == null ? map.putIfAbsent(name, next) == null : map.replace(name, old, next)) {
                    return next;
                }
            }
        } catch (RuntimeException e) {
            throw new ClusterUnavailableException(name, null, "the fencing counter cannot be written: " + e);
        }
    }

    @Override
    public void start(Inbound inbound, Runnable events) {
        hazelcast.getUserContext().put(USER_CONTEXT_KEY, Objects.requireNonNull(inbound));
        membershipRegistration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                events.run();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                events.run();
            }
        });
        migrationRegistration = hazelcast.getPartitionService().addMigrationListener(new MigrationListener() {
            @Override
            public void migrationStarted(MigrationState state) {
            }

            @Override
            public void migrationFinished(MigrationState state) {
                events.run();
            }

            @Override
            public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
                if (event.getReplicaIndex() == 0) {
                    events.run();
                }
            }

            @Override
            public void replicaMigrationFailed(ReplicaMigrationEvent event) {
                events.run();
            }
        });
        lifecycleRegistration = hazelcast.getLifecycleService().addLifecycleListener(event -> {
            LifecycleEvent.LifecycleState state = event.getState();
            if (state == LifecycleEvent.LifecycleState.SHUTDOWN) {
                inbound.engineStopped();
            } else if (state == LifecycleEvent.LifecycleState.MERGED
                    || state == LifecycleEvent.LifecycleState.MERGE_FAILED) {
                events.run();
            }
        });
    }

    @Override
    public void leave() {
        if (hazelcast.getLifecycleService().isRunning()) {
            hazelcast.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return hazelcast.getLifecycleService().isRunning();
    }
}
