package dev.genserver.cluster.autoconfigure;

import java.time.Duration;

import com.hazelcast.config.Config;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** genserver.cluster.enabled switches the cluster on; off, nothing of it (nor Hazelcast) is loaded. */
class GenServerClusterAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HazelcastAutoConfiguration.class,
                    GenServerClusterAutoConfiguration.class, GenServerClusterActuatorAutoConfiguration.class));

    /** Answers "pong" to "ping". */
    static final class Pong implements GenServer<String> {
        @Override
        public Init<String> init(ServerContext ctx) {
            return Init.ok("");
        }

        @Override
        public Result<String> handleCall(Object request, ReplyTo from, String state) {
            return Result.reply("pong", state);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Member {
        @Bean
        Config hazelcastConfig() {
            Config config = new Config().setClusterName("autoconfig-" + System.nanoTime());
            config.setProperty("hazelcast.phone.home.enabled", "false");
            config.setProperty("hazelcast.logging.type", "slf4j");
            config.setProperty("hazelcast.partition.count", "31");
            var network = config.getNetworkConfig();
            network.setPort(5901).setPortAutoIncrement(true);
            network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
            network.getJoin().getMulticastConfig().setEnabled(false);
            network.getJoin().getAutoDetectionConfig().setEnabled(false);
            network.getJoin().getTcpIpConfig().setEnabled(false);
            return config;
        }

        @Bean
        ClusteredServer pong() {
            return ClusteredServer.singleton("pong", token -> new Pong());
        }
    }

    @Test
    void offByDefaultAndNoHazelcastClassNeeded() {
        runner.withClassLoader(new FilteredClassLoader("com.hazelcast"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ClusterNode.class));
        runner.withPropertyValues("genserver.cluster.enabled=false")
                .withClassLoader(new FilteredClassLoader("com.hazelcast"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ClusterNode.class));
    }

    @Test
    void enabledJoinsBootsHazelcastMemberAndReportsHealthAndMeters() {
        runner.withUserConfiguration(Member.class).withPropertyValues("genserver.cluster.enabled=true",
                "genserver.cluster.takeover-delay=1s").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ClusterNode.class);
                    ClusterNode node = context.getBean(ClusterNode.class);
                    String reply = node.singleton("pong").call("ping", Duration.ofSeconds(20));
                    assertThat(reply).isEqualTo("pong");
                    var health = context.getBean("genserverClusterHealthIndicator", HealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("member", node.member())
                            .containsKey("singletonsHere");
                    SimpleMeterRegistry registry = new SimpleMeterRegistry();
                    context.getBean("genServerClusterMeters", MeterBinder.class).bindTo(registry);
                    assertThat(registry.get("genserver.remote.calls").tag("outcome", "ok").functionCounter().count())
                            .isEqualTo(1);
                    assertThat(registry.get("genserver.cluster.members").gauge().value()).isEqualTo(1);
                });
    }

    @Test
    void aBadDurationFailsTheStartupNamingTheProperty() {
        runner.withUserConfiguration(Member.class).withPropertyValues("genserver.cluster.enabled=true",
                "genserver.cluster.takeover-delay=0s").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("takeover-delay"));
    }
}
