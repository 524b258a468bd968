package dev.genserver.sample.cluster;

import java.util.List;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code cluster} profile: a Hazelcast member on loopback that finds the others on the
 * ports of {@code shop.cluster.members}. The clustered servers are the {@code @Clustered}
 * {@code @GenServer}s of this package.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cluster")
class ClusterConfiguration {

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
}
