package dev.genserver.sample.cluster;

import java.util.ArrayList;
import java.util.List;

import dev.genserver.cluster.Clustered;
import dev.genserver.cluster.Placement;
import dev.genserver.sample.cluster.ClusterMessages.CartView;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.ServerKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;

/** One user's cart: one instance in the cluster, on the owner of the user's partition. */
@GenServer("sharedCart")
@Keyed
@Clustered(Placement.SHARDED)
@Profile("cluster")
class SharedCart implements SharedCartApi {

    private final String instance;
    private final List<String> items = new ArrayList<>();

    @ServerKey
    String user;

    SharedCart(@Value("${server.port:8080}") int port) {
        this.instance = "instance:" + port;
    }

    @Override
    public CartView add(String item) {
        items.add(item);
        return view();
    }

    @Override
    public CartView view() {
        return new CartView(user, List.copyOf(items), instance);
    }
}
