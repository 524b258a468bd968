package dev.genserver.cluster.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.cluster.JsonMessageCodec;
import dev.genserver.cluster.MessageCodec;
import dev.genserver.cluster.hazelcast.HazelcastEngine;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.autoconfigure.SupervisorSpecCustomizer;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.ServerPlacements;
import dev.genserver.spring.support.ServerSpecs;
import dev.genserver.supervisor.SupervisorSpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hazelcast.autoconfigure.HazelcastConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Joins the application to a cluster when {@code genserver.cluster.enabled=true}: Spring Boot's
 * Hazelcast auto-configuration builds the member (from {@code hazelcast.yaml}, a {@code Config}
 * bean or its defaults) and this configuration completes its {@code Config} through a
 * {@link HazelcastConfigCustomizer} (or, for a {@code Config} bean, a bean post-processor); an
 * application's own {@code HazelcastInstance} bean must be built from
 * {@link HazelcastEngine#configure}; the {@link ClusterNode} hosts the application's
 * {@link ClusteredServer} beans on the runtime of {@code genserver-spring-boot-autoconfigure}
 * (or its own), encoding with Boot's {@link JsonMapper}. The node leaves gracefully before the
 * Hazelcast member is destroyed.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration",
        "dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration",
        "dev.genserver.spring.autoconfigure.GenServerAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnProperty(prefix = "genserver.cluster", name = "enabled", havingValue = "true")
@ConditionalOnClass(name = {"com.hazelcast.core.HazelcastInstance",
        "org.springframework.boot.hazelcast.autoconfigure.HazelcastConfigCustomizer"})
@EnableConfigurationProperties(GenServerClusterProperties.class)
public final class GenServerClusterAutoConfiguration {

    /**
     * Adds genserver-cluster's serializer factory, executor and fencing map to the member that
     * Spring Boot builds.
     *
     * @return the customizer
     */
    @Bean
    HazelcastConfigCustomizer genServerClusterHazelcastConfigCustomizer() {
        return HazelcastEngine::configure;
    }

    /**
     * Completes an application's own {@code Config} bean, which Spring Boot uses as it is (its
     * customizers apply only to the configuration it loads itself).
     *
     * @return the post-processor
     */
    @Bean
    static BeanPostProcessor genServerClusterConfigPostProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                return bean instanceof Config config ? HazelcastEngine.configure(config) : bean;
            }
        };
    }

    /**
     * The runtime that hosts clustered instances, when the application has none.
     *
     * @return a runtime, closed with the context
     */
    @Bean
    @ConditionalOnMissingBean
    ProcessRuntime genServerClusterRuntime() {
        return ProcessRuntime.create();
    }

    /**
     * The codec: JSON through the application's mapper.
     *
     * @param mapper Spring Boot's mapper, if any
     * @return the codec
     */
    @Bean
    @ConditionalOnMissingBean
    MessageCodec genServerClusterCodec(ObjectProvider<JsonMapper> mapper) {
        JsonMapper m = mapper.getIfAvailable();
        return m != null ? new JsonMessageCodec(m) : new JsonMessageCodec();
    }

    /**
     * The node: this member of the cluster. It hosts nothing until the application has started
     * ({@link ClusterNodeLifecycle}).
     *
     * @param runtime the runtime
     * @param hazelcast Spring Boot's member
     * @param properties the settings
     * @param codec the codec
     * @param servers the application's clustered servers
     * @param contributions the {@code @Clustered} {@code @GenServer}s, when genserver's Spring support runs
     * @return the node, which leaves the cluster when the context closes
     */
    @Bean
    @ConditionalOnMissingBean
    ClusterNode genServerClusterNode(ProcessRuntime runtime, HazelcastInstance hazelcast,
                                     GenServerClusterProperties properties, MessageCodec codec,
                                     ObjectProvider<ClusteredServer> servers,
                                     ObjectProvider<ClusterContribution> contributions) {
        List<ClusteredServer> declared = new ArrayList<>(servers.orderedStream().toList());
        MessageCodec c = codec;
        for (ClusterContribution contribution : contributions.orderedStream().toList()) {
            declared.addAll(contribution.servers());
            c = contribution.codec(c);
        }
        return ClusterNode.create(runtime, new HazelcastEngine(hazelcast), properties.toOptions(), c, declared);
    }

    /**
     * Joins the node once the supervision tree runs; leaves before it stops.
     *
     * @param node the node
     * @return the lifecycle
     */
    @Bean
    ClusterNodeLifecycle genServerClusterNodeLifecycle(ClusterNode node) {
        return new ClusterNodeLifecycle(node);
    }

    /**
     * {@code @Clustered} {@code @GenServer} beans (contract §17.9): declared to the node, left out
     * of the local supervision tree, and reached by their typed proxies, {@code KeyedServers} and
     * {@code GenServers} wherever they run.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.genserver.spring.support.ServerPlacements")
    @ConditionalOnBean(type = "dev.genserver.spring.support.GenServerBeanRegistrar")
    static class ClusteredGenServersConfiguration {

        /**
         * The {@code @Clustered} servers, checked: a type that cannot cross members fails the startup.
         *
         * @param definitions the servers
         * @param specs builds their instances
         * @param mapper Spring Boot's mapper, if any
         * @return the declarations and their codec
         */
        @Bean
        ClusteredGenServers genServerClusteredGenServers(ServerDefinitions definitions, ServerSpecs specs,
                                                         ObjectProvider<JsonMapper> mapper) {
            JsonMapper m = mapper.getIfAvailable();
            return new ClusteredGenServers(definitions, specs, m != null ? m : JsonMapper.builder().build());
        }

        /**
         * Where typed proxies, {@code KeyedServers} and {@code GenServers} find the placed servers.
         *
         * @param node the node, resolved at the first message
         * @param definitions the servers
         * @return the placements
         */
        @Bean
        ServerPlacements genServerClusterPlacements(ObjectProvider<ClusterNode> node, ServerDefinitions definitions) {
            return new ClusterPlacements(node, ClusteredGenServers.placements(definitions));
        }

        /**
         * Leaves the placed servers (and the dynamic supervisors of the sharded ones) out of the
         * local supervision tree: the node hosts them.
         *
         * @param definitions the servers
         * @return the customizer
         */
        @Bean
        SupervisorSpecCustomizer genServerClusterTreeCustomizer(ServerDefinitions definitions) {
            Set<String> placed = new HashSet<>();
            ClusteredGenServers.placements(definitions).keySet().forEach(name -> {
                placed.add(name);
                placed.add(KeyedServerManager.supervisorName(name));
            });
            return (supervisor, spec) -> placed.isEmpty() ? spec : new SupervisorSpec(spec.strategy(),
                    spec.maxRestarts(), spec.period(), spec.autoShutdown(), spec.backoff(),
                    spec.children().stream().filter(child -> !placed.contains(child.id())).toList());
        }
    }
}
