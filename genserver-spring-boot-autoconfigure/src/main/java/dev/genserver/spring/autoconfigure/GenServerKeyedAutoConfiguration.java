package dev.genserver.spring.autoconfigure;

import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.handler.ServerDefinitions;
import dev.genserver.spring.keyed.KeyedServerManager;
import dev.genserver.spring.lifecycle.SupervisionTree;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keyed servers ({@link dev.genserver.spring.annotation.Keyed}): instances started on demand per
 * key under dynamic supervisors, reached through {@link dev.genserver.spring.keyed.KeyedServers}.
 */
@AutoConfiguration(after = GenServerAutoConfiguration.class)
@ConditionalOnBean(SupervisionTree.class)
public class GenServerKeyedAutoConfiguration {

    /** Creates the auto-configuration. */
    public GenServerKeyedAutoConfiguration() {
    }

    /**
     * Starts keyed instances on demand.
     *
     * @param runtime the runtime
     * @param definitions the servers
     * @param tree the supervision tree
     * @param specs the specs
     * @return the manager
     */
    @Bean
    @ConditionalOnMissingBean
    public KeyedServerManager genServerKeyedServerManager(ProcessRuntime runtime, ServerDefinitions definitions,
                                                          SupervisionTree tree, ServerSpecs specs) {
        return new KeyedServerManager(runtime, definitions, tree, specs::keyedChildSpec, specs::callTimeout,
                specs::wasPassivated);
    }
}
