package dev.genserver.sample.cluster;

import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusterStatus;
import dev.genserver.sample.cluster.ClusterMessages.Acquire;
import dev.genserver.sample.cluster.ClusterMessages.AddItem;
import dev.genserver.sample.cluster.ClusterMessages.CartView;
import dev.genserver.sample.cluster.ClusterMessages.Decision;
import dev.genserver.sample.cluster.ClusterMessages.QueueView;
import dev.genserver.sample.cluster.ClusterMessages.Submit;
import dev.genserver.sample.cluster.ClusterMessages.ViewCart;
import dev.genserver.sample.cluster.ClusterMessages.ViewQueue;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The clustered servers over HTTP: the same answers from every instance. */
@RestController
@RequestMapping("/cluster")
@Profile("cluster")
class ClusterController {

    private final ClusterNode node;

    ClusterController(ClusterNode node) {
        this.node = node;
    }

    @GetMapping
    ClusterStatus status() {
        return node.status();
    }

    @PostMapping("/carts/{user}")
    CartView add(@PathVariable String user, @RequestParam String item) {
        return node.shard("sharedCart", user).call(new AddItem(item));
    }

    @GetMapping("/carts/{user}")
    CartView cart(@PathVariable String user) {
        return node.shard("sharedCart", user).call(new ViewCart());
    }

    @PostMapping("/rate-limit/{user}")
    Decision acquire(@PathVariable String user) {
        return node.singleton("sharedRateLimiter").call(new Acquire(user));
    }

    @PostMapping("/jobs")
    QueueView submit(@RequestParam String name) {
        return node.singleton("sharedJobQueue").call(new Submit(name));
    }

    @GetMapping("/jobs")
    QueueView jobs() {
        return node.singleton("sharedJobQueue").call(new ViewQueue());
    }
}
