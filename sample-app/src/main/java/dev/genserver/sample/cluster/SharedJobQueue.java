package dev.genserver.sample.cluster;

import java.util.ArrayList;
import java.util.List;

import dev.genserver.cluster.Clustered;
import dev.genserver.cluster.Placement;
import dev.genserver.sample.cluster.ClusterMessages.QueueView;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.OnInit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;

/**
 * The cluster's one job queue: a singleton. Its fencing token, read from its context at init,
 * tells incarnations apart; a real queue would write it with every job
 * ({@code update jobs ... where fence < :token}).
 */
@GenServer("sharedJobQueue")
@Clustered(Placement.SINGLETON)
@Profile("cluster")
class SharedJobQueue implements SharedJobQueueApi {

    private final String instance;
    private final List<String> jobs = new ArrayList<>();
    private long fencingToken;

    SharedJobQueue(@Value("${server.port:8080}") int port) {
        this.instance = "instance:" + port;
    }

    @OnInit
    void init(GenServerContext context) {
        fencingToken = context.fencingToken().orElse(0); // this incarnation's, greater than every earlier one's
    }

    @Override
    public QueueView submit(String name) {
        jobs.add(name);
        return view();
    }

    @Override
    public QueueView view() {
        return new QueueView(List.copyOf(jobs), fencingToken, instance);
    }
}
