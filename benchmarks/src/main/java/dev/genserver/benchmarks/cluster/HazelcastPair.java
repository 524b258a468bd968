package dev.genserver.benchmarks.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.genserver.cluster.hazelcast.HazelcastEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Two embedded Hazelcast members in one JVM, joined over real TCP on loopback (no mock network),
 * configured for genserver-cluster ({@link HazelcastEngine#configure}) and for the floor's task
 * ({@link FloorTasks}). The pair used by W16 and W17, ours and floor alike: what crosses between
 * the members is the same loopback TCP a two-replica deployment on one host uses.
 *
 * <p>{@link #first()} is the older member: it hosts the singletons; {@link #second()} calls them.
 */
public final class HazelcastPair implements AutoCloseable {

    private final HazelcastInstance first;
    private final HazelcastInstance second;

    private HazelcastPair(HazelcastInstance first, HazelcastInstance second) {
        this.first = first;
        this.second = second;
    }

    /**
     * Starts the two members on two free loopback ports, with a cluster name of their own (other
     * Hazelcast members on the machine cannot join them), and waits until both see both.
     *
     * @return the pair
     */
    public static HazelcastPair start() {
        int[] ports = {freePort(), freePort()};
        String name = "genserver-bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        List<String> members = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
        HazelcastInstance a = Hazelcast.newHazelcastInstance(config(name, ports[0], members));
        HazelcastInstance b = Hazelcast.newHazelcastInstance(config(name, ports[1], members));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (a.getCluster().getMembers().size() < 2 || b.getCluster().getMembers().size() < 2
                || !b.getPartitionService().isClusterSafe()) {
            if (System.nanoTime() > deadline) {
                a.shutdown();
                b.shutdown();
                throw new IllegalStateException("the two Hazelcast members did not join within 60 s");
            }
            Thread.onSpinWait();
        }
        return new HazelcastPair(a, b);
    }

    private static Config config(String clusterName, int port, List<String> members) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.partition.count", "31");
        NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        network.getJoin().getTcpIpConfig().setEnabled(true).setMembers(members);
        config.getSerializationConfig().addDataSerializableFactory(FloorTasks.FACTORY_ID, new FloorTasks());
        return HazelcastEngine.configure(config);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The older member: it hosts the singletons and runs the floor's tasks.
     *
     * @return the member
     */
    public HazelcastInstance first() {
        return first;
    }

    /**
     * The younger member: the caller.
     *
     * @return the member
     */
    public HazelcastInstance second() {
        return second;
    }

    /**
     * The older member as the younger one sees it (the target of the floor's tasks).
     *
     * @return the member
     */
    public Member firstAsSeenBySecond() {
        String id = first.getCluster().getLocalMember().getUuid().toString();
        return second.getCluster().getMembers().stream().filter(m -> m.getUuid().toString().equals(id))
                .findFirst().orElseThrow();
    }

    /** Shuts both members down. */
    @Override
    public void close() {
        second.shutdown();
        first.shutdown();
    }
}
