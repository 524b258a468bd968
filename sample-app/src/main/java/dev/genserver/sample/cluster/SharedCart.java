package dev.genserver.sample.cluster;

import java.util.ArrayList;
import java.util.List;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.sample.cluster.ClusterMessages.AddItem;
import dev.genserver.sample.cluster.ClusterMessages.CartView;
import dev.genserver.sample.cluster.ClusterMessages.ViewCart;

/** One user's cart: one instance in the cluster, on the owner of the user's partition. */
final class SharedCart implements GenServer<List<String>> {

    private final String user;
    private final String instance;

    SharedCart(String user, String instance) {
        this.user = user;
        this.instance = instance;
    }

    @Override
    public Init<List<String>> init(ServerContext ctx) {
        return Init.ok(new ArrayList<>());
    }

    @Override
    public Result<List<String>> handleCall(Object request, ReplyTo from, List<String> items) {
        return switch (request) {
            case AddItem(String item) -> {
                items.add(item);
                yield Result.reply(new CartView(user, List.copyOf(items), instance), items);
            }
            case ViewCart v -> Result.reply(new CartView(user, List.copyOf(items), instance), items);
            default -> Result.unhandled(items);
        };
    }
}
