package dev.genserver.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.server.FirewallingServer;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.test.Accessors;
import com.hazelcast.test.TestHazelcastInstanceFactory;
import dev.genserver.cluster.hazelcast.HazelcastEngine;
import dev.genserver.process.ProcessRuntime;

import static org.awaitility.Awaitility.await;

/**
 * N members in one JVM on Hazelcast's mock network (its test jar: no sockets, a firewall per
 * member), each with its own ProcessRuntime and ClusterNode: kill, graceful leave, join,
 * partition and heal.
 */
final class InJvmCluster implements AutoCloseable {

    /** Failure detection: a silent member is removed after this. */
    static final int MAX_NO_HEARTBEAT_SECONDS = 4;

    /** One member: its engine, runtime and node. */
    record Member(String name, HazelcastInstance hazelcast, ProcessRuntime runtime, ClusterNode node) {
        String id() {
            return hazelcast.getCluster().getLocalMember().getUuid().toString();
        }
    }

    private final TestHazelcastInstanceFactory factory = new TestHazelcastInstanceFactory();
    private final String clusterName = "genserver-" + System.nanoTime();
    private final ClusterOptions options;
    private final java.util.function.Function<String, List<ClusteredServer>> servers;
    private final Consumer<Member> onStart;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<HazelcastInstance[]> blocked = new ArrayList<>();
    private int started;

    InJvmCluster(ClusterOptions options, java.util.function.Function<String, List<ClusteredServer>> servers, Consumer<Member> onStart) {
        this.options = options;
        this.servers = servers;
        this.onStart = onStart;
    }

    static Config config(String clusterName) {
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

    /** Starts one more member and waits until every running member sees it. */
    Member join() {
        HazelcastInstance hz = factory.newHazelcastInstance(config(clusterName));
        ProcessRuntime runtime = ProcessRuntime.create();
        String name = "m" + (++started);
        ClusterNode node = ClusterNode.start(runtime, new HazelcastEngine(hz), options, new JsonMessageCodec(),
                servers.apply(name));
        Member m = new Member(name, hz, runtime, node);
        onStart.accept(m);
        members.add(m);
        int size = members.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> members.stream()
                .allMatch(x -> x.hazelcast().getCluster().getMembers().size() == size));
        // partitions settled: keys stop moving until the next change
        await().atMost(Duration.ofSeconds(60)).until(() -> m.hazelcast().getPartitionService().isClusterSafe());
        return m;
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    /** A crash: the member's engine stops at once (no migration) and its runtime dies with it. */
    void kill(Member m) {
        members.remove(m);
        factory.terminate(m.hazelcast());
        m.node().close();
        m.runtime().close();
    }

    /** A graceful leave (rolling deploy). */
    void leave(Member m) {
        m.node().leave();
        members.remove(m);
        m.runtime().close();
    }

    /** Cuts every link between the two sides; failure detection then splits the cluster. */
    void partition(Collection<Member> left, Collection<Member> right) {
        for (Member a : left) {
            for (Member b : right) {
                block(a.hazelcast(), b.hazelcast());
                blocked.add(new HazelcastInstance[] {a.hazelcast(), b.hazelcast()});
            }
        }
    }

    /** Restores every cut link; the sides merge after Hazelcast's merge delay. */
    void heal() {
        for (HazelcastInstance[] pair : blocked) {
            unblock(pair[0], pair[1]);
        }
        blocked.clear();
    }

    private static FirewallingServer.FirewallingServerConnectionManager firewall(HazelcastInstance hz) {
        Node node = Accessors.getNode(hz);
        return (FirewallingServer.FirewallingServerConnectionManager) node.getServer()
                .getConnectionManager(EndpointQualifier.MEMBER);
    }

    private static void block(HazelcastInstance a, HazelcastInstance b) {
        Address aa = Accessors.getNode(a).getThisAddress();
        Address ba = Accessors.getNode(b).getThisAddress();
        firewall(a).blockNewConnection(ba);
        firewall(b).blockNewConnection(aa);
        firewall(a).closeActiveConnection(ba);
        firewall(b).closeActiveConnection(aa);
    }

    private static void unblock(HazelcastInstance a, HazelcastInstance b) {
        firewall(a).unblock(Accessors.getNode(b).getThisAddress());
        firewall(b).unblock(Accessors.getNode(a).getThisAddress());
    }

    @Override
    public void close() {
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
