package dev.genserver.spring.autoconfigure;

import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.ServerPlacements;
import dev.genserver.spring.support.ServerSpecs;
import dev.genserver.spring.support.SupervisionTree;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keyed servers ({@link dev.genserver.spring.annotation.Keyed}): instances started on demand per
 * key under dynamic supervisors, reached through {@link dev.genserver.spring.KeyedServers}.
 */
@AutoConfiguration(after = GenServerAutoConfiguration.class)
@ConditionalOnBean(SupervisionTree.class)
public final class GenServerKeyedAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KeyedServerManager genServerKeyedServerManager(ProcessRuntime runtime, ServerDefinitions definitions,
                                                   SupervisionTree tree, ServerSpecs specs,
                                                   ObjectProvider<ServerPlacements> placements) {
        KeyedServerManager manager = new KeyedServerManager(runtime, definitions, tree, specs::keyedChildSpec,
                specs::callTimeout, specs::wasPassivated);
        manager.setPlacements(placements.getIfUnique());
        return manager;
    }
}
