package dev.genserver.sample.cluster;

import java.util.ArrayList;
import java.util.List;

import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.Clustered;
import dev.genserver.cluster.Placement;
import dev.genserver.sample.cluster.ClusterMessages.QueueView;
import dev.genserver.spring.annotation.GenServer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;

/**
 * The cluster's one job queue: a singleton. Its fencing token tells incarnations apart; a real
 * queue would write it with every job ({@code update jobs ... where fence < :token}).
 */
@GenServer("sharedJobQueue")
@Clustered(Placement.SINGLETON)
@Profile("cluster")
class SharedJobQueue implements SharedJobQueueApi {

    private final ClusterNode node;
    private final String instance;
    private final List<String> jobs = new ArrayList<>();

    SharedJobQueue(ClusterNode node, @Value("${server.port:8080}") int port) {
        this.node = node;
        this.instance = "instance:" + port;
    }

    @Override
    public QueueView submit(String name) {
        jobs.add(name);
        return view();
    }

    @Override
    public QueueView view() {
        // the token of the incarnation running here: set once this instance started
        return new QueueView(List.copyOf(jobs), node.fencingToken("sharedJobQueue").orElse(0), instance);
    }
}
