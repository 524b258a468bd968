package dev.genserver.sample.cluster;

import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusterStatus;
import dev.genserver.sample.cluster.ClusterMessages.CartView;
import dev.genserver.sample.cluster.ClusterMessages.Decision;
import dev.genserver.sample.cluster.ClusterMessages.QueueView;
import dev.genserver.spring.KeyedServers;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clustered servers over HTTP: the same answers from every instance. The typed proxies and
 * {@code KeyedServers} are the ones of any {@code @GenServer}; they reach the instance wherever
 * it runs.
 */
@RestController
@RequestMapping("/cluster")
@Profile("cluster")
class ClusterController {

    private final ClusterNode node;
    private final KeyedServers<SharedCartApi> carts;
    private final SharedRateLimiterApi rateLimiter;
    private final SharedJobQueueApi jobQueue;

    ClusterController(ClusterNode node, KeyedServers<SharedCartApi> carts, SharedRateLimiterApi rateLimiter,
                      SharedJobQueueApi jobQueue) {
        this.node = node;
        this.carts = carts;
        this.rateLimiter = rateLimiter;
        this.jobQueue = jobQueue;
    }

    @GetMapping
    ClusterStatus status() {
        return node.status();
    }

    @PostMapping("/carts/{user}")
    CartView add(@PathVariable String user, @RequestParam String item) {
        return carts.get(user).add(item);
    }

    @GetMapping("/carts/{user}")
    CartView cart(@PathVariable String user) {
        return carts.get(user).view();
    }

    @PostMapping("/rate-limit/{user}")
    Decision acquire(@PathVariable String user) {
        return rateLimiter.acquire(user);
    }

    @PostMapping("/jobs")
    QueueView submit(@RequestParam String name) {
        return jobQueue.submit(name);
    }

    @GetMapping("/jobs")
    QueueView jobs() {
        return jobQueue.view();
    }
}
