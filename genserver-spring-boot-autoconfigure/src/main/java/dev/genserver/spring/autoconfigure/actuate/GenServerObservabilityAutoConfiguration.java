package dev.genserver.spring.autoconfigure.actuate;

import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.actuate.GenServerActivity;
import dev.genserver.spring.actuate.HandlerInterceptorRegistrar;
import dev.genserver.spring.actuate.MdcHandlerInterceptor;
import dev.genserver.spring.actuate.PlacedProcesses;
import dev.genserver.spring.actuate.ServerTags;
import dev.genserver.spring.actuate.SupervisionTreeReader;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.ServerSpecs;
import dev.genserver.spring.support.SupervisionTree;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * What the Actuator endpoint, the health contributor and the meters share: the
 * {@link SupervisionTreeReader} that reads the supervision tree, the {@link GenServerActivity}
 * counts, and the registration of {@link HandlerInterceptor} beans with the runtime, including
 * the logging MDC of handlers. Needs nothing beyond the GenServer starter itself.
 */
@AutoConfiguration(after = GenServerKeyedAutoConfiguration.class)
@ConditionalOnBean({ ProcessRuntime.class, SupervisionTree.class })
@EnableConfigurationProperties({ GenServerInspectionProperties.class, GenServerLoggingProperties.class })
public final class GenServerObservabilityAutoConfiguration {

    GenServerObservabilityAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ServerTags genServerTags(ServerDefinitions definitions) {
        return new ServerTags(definitions);
    }

    @Bean
    @ConditionalOnMissingBean
    GenServerActivity genServerActivity(ProcessRuntime runtime, ServerTags tags) {
        return new GenServerActivity(runtime, tags);
    }

    @Bean
    @ConditionalOnMissingBean
    SupervisionTreeReader genServerSupervisionTreeReader(ProcessRuntime runtime, SupervisionTree tree,
                                                         ServerDefinitions definitions, ServerTags tags,
                                                         GenServerActivity activity, ObjectProvider<ServerSpecs> specs,
                                                         GenServerInspectionProperties properties,
                                                         ObjectProvider<PlacedProcesses> placed) {
        ServerSpecs s = specs.getIfUnique();
        return new SupervisionTreeReader(runtime, tree::isRunning, definitions, tags, activity,
                () -> s == null ? Map.of() : s.treeSpec().strategies(),
                def -> s == null ? null : s.idleTimeout(def), properties.getTimeout(), placed::getIfUnique);
    }

    @Bean
    @ConditionalOnMissingBean
    HandlerInterceptorRegistrar genServerHandlerInterceptorRegistrar(ProcessRuntime runtime,
                                                                  ObjectProvider<HandlerInterceptor> interceptors) {
        return new HandlerInterceptorRegistrar(runtime, interceptors);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "genserver.logging.mdc.enabled", matchIfMissing = true)
    MdcHandlerInterceptor genServerMdcHandlerInterceptor() {
        return new MdcHandlerInterceptor();
    }
}
