package dev.genserver.cluster.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusterStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator for the cluster: the {@code genserverCluster} health contributor (DOWN without quorum;
 * its details are the cluster section: this member, the members, quorum, baseline, where the
 * singletons run, what runs here) and low-cardinality meters.
 */
@AutoConfiguration(after = GenServerClusterAutoConfiguration.class)
@ConditionalOnBean(ClusterNode.class)
public final class GenServerClusterActuatorAutoConfiguration {

    /** The health contributor, when Spring Boot's health module is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnEnabledHealthIndicator("genserverCluster")
    static final class HealthConfiguration {

        /**
         * The contributor.
         *
         * @param node the node
         * @return it
         */
        @Bean
        @ConditionalOnMissingBean(name = "genserverClusterHealthIndicator")
        ClusterHealthIndicator genserverClusterHealthIndicator(ClusterNode node) {
            return new ClusterHealthIndicator(node);
        }
    }

    /** The meters, when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static final class MetersConfiguration {

        /**
         * The meters.
         *
         * @param node the node
         * @return a binder
         */
        @Bean
        @ConditionalOnMissingBean(name = "genServerClusterMeters")
        MeterBinder genServerClusterMeters(ClusterNode node) {
            return new ClusterMeters(node);
        }
    }

    /**
     * The singletons and sharded instances this member runs, for {@code /actuator/genservers}
     * (each with its member), when the Spring layer's Actuator support is present.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.genserver.spring.actuate.PlacedProcesses")
    static final class PlacedProcessesConfiguration {

        /**
         * The placed processes of this member.
         *
         * @param node the node
         * @return them, read at every request
         */
        @Bean
        @ConditionalOnMissingBean
        dev.genserver.spring.actuate.PlacedProcesses genServerClusterPlacedProcesses(ClusterNode node) {
            return new ClusterPlacedProcesses(node);
        }
    }

    /** UP with quorum, DOWN without; details: the cluster section. */
    static final class ClusterHealthIndicator extends AbstractHealthIndicator {
        private final ClusterNode node;

        ClusterHealthIndicator(ClusterNode node) {
            super("cluster health check failed");
            this.node = node;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            ClusterStatus s = node.status();
            if (s.quorum() && !s.members().isEmpty()) {
                builder.up();
            } else {
                builder.down();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("member", s.member());
            details.put("members", s.members());
            details.put("quorum", s.quorum());
            details.put("baseline", s.baseline().size());
            details.put("singletonHost", s.singletonHost() == null ? "none" : s.singletonHost());
            details.put("singletonsHere", s.hostedSingletons());
            details.put("shardsHere", s.localShards());
            details.put("leaving", s.leaving());
            builder.withDetails(details);
        }
    }

    /**
     * {@code genserver.remote.calls{outcome}}, {@code genserver.cluster.handoffs},
     * {@code genserver.cluster.takeovers}, {@code genserver.cluster.dead.letters{reason}},
     * {@code genserver.cluster.members}, {@code genserver.cluster.quorum}.
     */
    static final class ClusterMeters implements MeterBinder {
        private static final List<String> OUTCOMES = List.of("ok", "failed", "node_down", "timeout", "unavailable");
        private static final List<String> REASONS = List.of("node_down", "no_owner", "no_server", "undecodable",
                "refused", "closed");
        private final ClusterNode node;

        ClusterMeters(ClusterNode node) {
            this.node = node;
        }

        @Override
        public void bindTo(MeterRegistry registry) {
            for (String outcome : OUTCOMES) {
                FunctionCounter.builder("genserver.remote.calls", node,
                                n -> n.statistics().remoteCalls().getOrDefault(outcome, 0L))
                        .tag("outcome", outcome).description("Calls to clustered servers, by outcome")
                        .register(registry);
            }
            for (String reason : REASONS) {
                FunctionCounter.builder("genserver.cluster.dead.letters", node,
                                n -> n.statistics().deadLetters().getOrDefault(reason, 0L))
                        .tag("reason", reason).description("Casts the cluster could not deliver")
                        .register(registry);
            }
            FunctionCounter.builder("genserver.cluster.handoffs", node, n -> n.statistics().handoffs())
                    .description("Instances stopped here because they moved").register(registry);
            FunctionCounter.builder("genserver.cluster.takeovers", node, n -> n.statistics().takeovers())
                    .description("Singleton incarnations started here after an earlier one").register(registry);
            Gauge.builder("genserver.cluster.members", node, n -> n.status().members().size())
                    .description("Members this member sees").register(registry);
            Gauge.builder("genserver.cluster.quorum", node, n -> n.hasQuorum() ? 1 : 0)
                    .description("1 while this side has quorum").register(registry);
        }
    }
}
