package dev.genserver.sample.cluster;

import java.util.List;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.sample.cluster.ClusterMessages.Acquire;
import dev.genserver.sample.cluster.ClusterMessages.AddItem;
import dev.genserver.sample.cluster.ClusterMessages.CartView;
import dev.genserver.sample.cluster.ClusterMessages.Decision;
import dev.genserver.sample.cluster.ClusterMessages.QueueView;
import dev.genserver.sample.cluster.ClusterMessages.Submit;
import dev.genserver.sample.cluster.ClusterMessages.ViewCart;
import dev.genserver.sample.cluster.ClusterMessages.ViewQueue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code cluster} profile: a Hazelcast member on loopback that finds the others on the
 * ports of {@code shop.cluster.members}, and the three clustered servers.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cluster")
class ClusterConfiguration {

    private final String instance;

    ClusterConfiguration(@Value("${server.port:8080}") int port) {
        this.instance = "instance:" + port;
    }

    @Bean
    Config hazelcastConfig(@Value("${shop.cluster.port:5701}") int port,
                           @Value("${shop.cluster.members}") List<String> members) {
        Config config = new Config().setClusterName("genserver-shop");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        network.getJoin().getTcpIpConfig().setEnabled(true).setMembers(members);
        return config;
    }

    @Bean
    ClusteredServer sharedCart() {
        return ClusteredServer.sharded("sharedCart", user -> new SharedCart(user, instance))
                .accepting(AddItem.class, ViewCart.class, CartView.class);
    }

    @Bean
    ClusteredServer sharedRateLimiter(@Value("${shop.rate-limit.capacity}") int capacity,
                                      @Value("${shop.rate-limit.refill-per-second}") double refill) {
        return ClusteredServer.singleton("sharedRateLimiter", token -> new SharedRateLimiter(capacity, refill, instance))
                .accepting(Acquire.class, Decision.class);
    }

    @Bean
    ClusteredServer sharedJobQueue() {
        return ClusteredServer.singleton("sharedJobQueue", token -> new SharedJobQueue(token, instance))
                .accepting(Submit.class, ViewQueue.class, QueueView.class);
    }
}
