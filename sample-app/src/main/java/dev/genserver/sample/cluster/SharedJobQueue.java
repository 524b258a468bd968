package dev.genserver.sample.cluster;

import java.util.ArrayList;
import java.util.List;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.sample.cluster.ClusterMessages.QueueView;
import dev.genserver.sample.cluster.ClusterMessages.Submit;
import dev.genserver.sample.cluster.ClusterMessages.ViewQueue;

/**
 * The cluster's one job queue: a singleton. Its fencing token tells incarnations apart; a real
 * queue would write it with every job ({@code update jobs ... where fence < :token}).
 */
final class SharedJobQueue implements GenServer<List<String>> {

    private final long fencingToken;
    private final String instance;

    SharedJobQueue(long fencingToken, String instance) {
        this.fencingToken = fencingToken;
        this.instance = instance;
    }

    @Override
    public Init<List<String>> init(ServerContext ctx) {
        return Init.ok(new ArrayList<>());
    }

    @Override
    public Result<List<String>> handleCall(Object request, ReplyTo from, List<String> jobs) {
        return switch (request) {
            case Submit(String name) -> {
                jobs.add(name);
                yield Result.reply(view(jobs), jobs);
            }
            case ViewQueue v -> Result.reply(view(jobs), jobs);
            default -> Result.unhandled(jobs);
        };
    }

    private QueueView view(List<String> jobs) {
        return new QueueView(List.copyOf(jobs), fencingToken, instance);
    }
}
