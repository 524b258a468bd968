package dev.genserver.cluster.autoconfigure;

import java.util.List;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.cluster.JsonMessageCodec;
import dev.genserver.cluster.MessageCodec;
import dev.genserver.cluster.hazelcast.HazelcastEngine;
import dev.genserver.process.ProcessRuntime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hazelcast.autoconfigure.HazelcastConfigCustomizer;
import org.springframework.context.annotation.Bean;
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
     * The node: this member of the cluster.
     *
     * @param runtime the runtime
     * @param hazelcast Spring Boot's member
     * @param properties the settings
     * @param codec the codec
     * @param servers the application's clustered servers
     * @return the node, which leaves the cluster when the context closes
     */
    @Bean
    @ConditionalOnMissingBean
    ClusterNode genServerClusterNode(ProcessRuntime runtime, HazelcastInstance hazelcast,
                                     GenServerClusterProperties properties, MessageCodec codec,
                                     List<ClusteredServer> servers) {
        return ClusterNode.start(runtime, new HazelcastEngine(hazelcast), properties.toOptions(), codec, servers);
    }
}
