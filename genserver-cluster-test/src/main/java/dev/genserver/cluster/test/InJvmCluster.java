package dev.genserver.cluster.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.internal.server.FirewallingServer;
import com.hazelcast.internal.server.PacketFilter;
import com.hazelcast.test.Accessors;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusterOptions;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.cluster.JsonMessageCodec;
import dev.genserver.cluster.hazelcast.HazelcastEngine;
import dev.genserver.process.ProcessRuntime;

/**
 * N cluster members in one JVM, for tests: each member has its own Hazelcast instance, its own
 * {@link ProcessRuntime} and its own {@link ClusterNode}, on Hazelcast's mock network (its
 * {@code tests} jar: no sockets, no ports, a firewall per member). Faults: {@link #kill crash},
 * {@link #leave graceful leave}, {@link #join join}, {@link #pause pause} and {@link #resume resume},
 * {@link #partition partition} and {@link #heal heal}.
 *
 * <pre>{@code
 * try (InJvmCluster cluster = new InJvmCluster(ClusterOptions.defaults(), member -> List.of(
 *         ClusteredServer.singleton("jobQueue", token -> new JobQueue(token)).accepting(Submit.class)))) {
 *     InJvmCluster.Member a = cluster.join();
 *     InJvmCluster.Member b = cluster.join();
 *     b.node().singleton("jobQueue").call(new Submit("report"));   // runs on a, the oldest member
 *     cluster.kill(a);                                             // b takes over after the takeover delay
 * }
 * }</pre>
 *
 * <p>Members use short failure detection ({@value #MAX_NO_HEARTBEAT_SECONDS} s without heartbeat
 * removes a silent member, heartbeats every second), 31 partitions and few threads, so that a
 * three-member test fits a 2-core machine. The class uses Hazelcast's test support, whose classes
 * are internal to Hazelcast: keep this artifact in test scope.
 */
public final class InJvmCluster implements AutoCloseable {

    /** Failure detection: a member silent for this many seconds is removed by the others. */
    public static final int MAX_NO_HEARTBEAT_SECONDS = 4;

    /**
     * One member: its Hazelcast instance, its runtime and its cluster node.
     *
     * @param name the member's name in this cluster: "m1", "m2", ... in join order
     * @param hazelcast the member's Hazelcast instance
     * @param runtime the runtime its clustered servers run in
     * @param node the member's cluster node
     */
    public record Member(String name, HazelcastInstance hazelcast, ProcessRuntime runtime, ClusterNode node) {

        /**
         * Returns the member's id, as {@link ClusterNode#member()} and the cluster status name it.
         *
         * @return the Hazelcast member UUID, as text
         */
        public String id() {
            return hazelcast.getCluster().getLocalMember().getUuid().toString();
        }
    }

    private final TestHazelcastInstanceFactory factory = new TestHazelcastInstanceFactory();
    private final String clusterName = "genserver-" + System.nanoTime();
    private final ClusterOptions options;
    private final Function<String, List<ClusteredServer>> servers;
    private final Consumer<Member> onStart;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<HazelcastInstance[]> blocked = new ArrayList<>();
    /** Addresses every member's transmit filter drops: the paused members'. */
    private final Set<Address> silenced = ConcurrentHashMap.newKeySet();
    private final Map<Member, Address> paused = new ConcurrentHashMap<>();
    private int started;

    /**
     * Creates an empty cluster; {@link #join()} starts its members.
     *
     * @param options the settings of every member's node
     * @param servers the clustered servers of a member, given its name (every member must declare
     *        the same servers; the name lets a test tell instances apart)
     */
    public InJvmCluster(ClusterOptions options, Function<String, List<ClusteredServer>> servers) {
        this(options, servers, member -> { });
    }

    /**
     * Creates an empty cluster; {@link #join()} starts its members.
     *
     * @param options the settings of every member's node
     * @param servers the clustered servers of a member, given its name (every member must declare
     *        the same servers; the name lets a test tell instances apart)
     * @param onStart called with each new member once its node runs and before the others are
     *        awaited (for example to start traffic from it or to add dead-letter listeners)
     */
    public InJvmCluster(ClusterOptions options, Function<String, List<ClusteredServer>> servers,
                        Consumer<Member> onStart) {
        this.options = Objects.requireNonNull(options, "options");
        this.servers = Objects.requireNonNull(servers, "servers");
        this.onStart = Objects.requireNonNull(onStart, "onStart");
    }

    /**
     * Returns the configuration every member of this cluster starts with: a unique cluster name,
     * 31 partitions, heartbeats every second, {@value #MAX_NO_HEARTBEAT_SECONDS} s failure
     * detection, merges after a healed split within 2 s, few threads, configured for
     * genserver-cluster ({@link HazelcastEngine#configure(Config)}).
     *
     * @param clusterName the cluster's name
     * @return a new configuration
     */
    public static Config config(String clusterName) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.partition.count", "31");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(MAX_NO_HEARTBEAT_SECONDS));
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "2");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "2");
        config.setProperty("hazelcast.operation.thread.count", "2");
        config.setProperty("hazelcast.operation.generic.thread.count", "1");
        config.setProperty("hazelcast.event.thread.count", "1");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "20");
        return HazelcastEngine.configure(config);
    }

    /**
     * Starts one more member and returns once every running member sees it and the partition
     * table has settled (keys stop moving until the next change).
     *
     * @return the new member
     * @throws IllegalStateException when the members do not agree within 60 s
     */
    public Member join() {
        HazelcastInstance hz = factory.newHazelcastInstance(config(clusterName));
        Address self = address(hz);
        firewall(hz).setPacketFilter((packet, target) -> silenced.isEmpty()
                || !(silenced.contains(self) || silenced.contains(target))
                ? PacketFilter.Action.ALLOW : PacketFilter.Action.DROP);
        ProcessRuntime runtime = ProcessRuntime.create();
        String name = "m" + (++started);
        ClusterNode node = ClusterNode.start(runtime, new HazelcastEngine(hz), options, new JsonMessageCodec(),
                servers.apply(name));
        Member m = new Member(name, hz, runtime, node);
        onStart.accept(m);
        members.add(m);
        int size = members.size();
        awaitCondition(Duration.ofSeconds(60), "every member sees " + size + " members", () -> members.stream()
                .allMatch(x -> paused.containsKey(x) || x.hazelcast().getCluster().getMembers().size() == size));
        awaitCondition(Duration.ofSeconds(60), "the partitions of the new member " + name + " settle",
                () -> m.hazelcast().getPartitionService().isClusterSafe());
        return m;
    }

    /**
     * Returns the running members, in join order (killed and departed ones are left out; paused
     * ones are included).
     *
     * @return the members
     */
    public List<Member> members() {
        return List.copyOf(members);
    }

    /**
     * Crashes {@code member}: its Hazelcast instance stops at once, without migrating anything, and
     * its runtime dies with it. The others notice at once (closed connections), as after a
     * {@code SIGKILL}.
     *
     * @param member the member
     */
    public void kill(Member member) {
        members.remove(member);
        paused.remove(member);
        factory.terminate(member.hazelcast());
        member.node().close();
        member.runtime().close();
    }

    /**
     * Makes {@code member} leave gracefully, as in a rolling deploy: {@link ClusterNode#leave()}
     * hands its singletons and sharded instances off, then its Hazelcast instance migrates its
     * partitions away and stops. Returns when done.
     *
     * @param member the member
     */
    public void leave(Member member) {
        member.node().leave();
        members.remove(member);
        member.runtime().close();
    }

    /**
     * Pauses {@code member} as a {@code SIGSTOP} or a long GC pause looks from the outside: every
     * packet from and to it is dropped without closing a connection, so the others see its
     * heartbeats stop and remove it after {@value #MAX_NO_HEARTBEAT_SECONDS} s. Unlike a stopped
     * process, its own threads keep running: it sees the others go silent as a partition would
     * show it (and loses quorum). {@link #resume} ends the pause.
     *
     * @param member the member
     * @throws IllegalArgumentException when the member is not running here
     */
    public void pause(Member member) {
        if (!members.contains(member)) {
            throw new IllegalArgumentException(member.name() + " is not a running member of this cluster");
        }
        Address address = address(member.hazelcast());
        paused.put(member, address);
        silenced.add(address);
    }

    /**
     * Ends the pause of {@code member}: packets flow again. If the others removed it meanwhile, it
     * rejoins them through Hazelcast's split-brain merge (about 2 s later with these settings).
     *
     * @param member the paused member
     */
    public void resume(Member member) {
        Address address = paused.remove(member);
        if (address != null) {
            silenced.remove(address);
        }
    }

    /**
     * Cuts every link between the two sides (connections closed, new ones refused); failure
     * detection then splits the cluster in two.
     *
     * @param left the members of one side
     * @param right the members of the other side
     */
    public void partition(Collection<Member> left, Collection<Member> right) {
        for (Member a : left) {
            for (Member b : right) {
                block(a.hazelcast(), b.hazelcast());
                blocked.add(new HazelcastInstance[] {a.hazelcast(), b.hazelcast()});
            }
        }
    }

    /** Restores every link {@link #partition} cut; the sides merge after Hazelcast's merge delay (2 s). */
    public void heal() {
        for (HazelcastInstance[] pair : blocked) {
            unblock(pair[0], pair[1]);
        }
        blocked.clear();
    }

    private static Address address(HazelcastInstance hz) {
        return Accessors.getNode(hz).getThisAddress();
    }

    private static FirewallingServer.FirewallingServerConnectionManager firewall(HazelcastInstance hz) {
        Node node = Accessors.getNode(hz);
        return (FirewallingServer.FirewallingServerConnectionManager) node.getServer()
                .getConnectionManager(EndpointQualifier.MEMBER);
    }

    private static void block(HazelcastInstance a, HazelcastInstance b) {
        Address aa = address(a);
        Address ba = address(b);
        firewall(a).blockNewConnection(ba);
        firewall(b).blockNewConnection(aa);
        firewall(a).closeActiveConnection(ba);
        firewall(b).closeActiveConnection(aa);
    }

    private static void unblock(HazelcastInstance a, HazelcastInstance b) {
        firewall(a).unblock(address(b));
        firewall(b).unblock(address(a));
    }

    private static void awaitCondition(Duration atMost, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("InJvmCluster: not done within " + atMost.toSeconds() + " s: " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("InJvmCluster: interrupted while waiting until " + what, e);
            }
        }
    }

    /** Stops every member (leaving gracefully where possible) and the mock network. */
    @Override
    public void close() {
        silenced.clear();
        paused.clear();
        for (Member m : members) {
            try {
                m.node().close();
            } finally {
                m.runtime().close();
            }
        }
        members.clear();
        factory.terminateAll();
    }
}
