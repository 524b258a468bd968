package dev.genserver.spring.autoconfigure;

import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.handler.ServerDefinitions;
import dev.genserver.spring.keyed.ServerKeyInjector;
import dev.genserver.spring.lifecycle.SupervisionTree;
import dev.genserver.spring.proxy.GenServerClients;
import dev.genserver.spring.reference.GenServers;
import java.time.Duration;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@code @GenServer} beans: finds and validates them, registers their typed client proxies, and
 * runs them in a supervision tree that starts before the web server takes traffic and stops
 * after it has drained. Also provides {@link GenServers}, the by-name API.
 */
@AutoConfiguration(after = GenServerRuntimeAutoConfiguration.class)
@ConditionalOnClass(ProcessRuntime.class)
@ConditionalOnBooleanProperty(name = "genserver.enabled", matchIfMissing = true)
@ConditionalOnBean(ProcessRuntime.class)
public class GenServerAutoConfiguration {

    /** Creates the auto-configuration. */
    public GenServerAutoConfiguration() {
    }

    /** Spring Boot's default of {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Finds the {@code @GenServer} beans and registers their proxies; static, because it
     * post-processes bean definitions.
     *
     * @return the registrar
     */
    @Bean
    public static GenServerBeanRegistrar genServerBeanRegistrar() {
        return new GenServerBeanRegistrar();
    }

    /**
     * Sets {@code @ServerKey} fields of keyed server instances.
     *
     * @return the post-processor
     */
    @Bean
    public static ServerKeyInjector genServerKeyInjector() {
        return new ServerKeyInjector();
    }

    /**
     * Turns definitions and properties into start options and specs.
     *
     * @param beanFactory the bean factory
     * @param definitions the servers
     * @param properties the configuration
     * @param environment reads {@code spring.lifecycle.timeout-per-shutdown-phase}
     * @return the specs
     */
    @Bean
    @ConditionalOnMissingBean
    public ServerSpecs genServerSpecs(ConfigurableListableBeanFactory beanFactory, ServerDefinitions definitions,
                                      GenServerProperties properties, Environment environment) {
        return new ServerSpecs(beanFactory, definitions, properties, phaseTimeout(environment));
    }

    private static Duration phaseTimeout(Environment environment) {
        return Binder.get(environment).bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(DEFAULT_PHASE_TIMEOUT);
    }

    /**
     * Creates typed client proxies.
     *
     * @param runtime the runtime
     * @param definitions the servers
     * @param properties the configuration
     * @return the factory
     */
    @Bean
    @ConditionalOnMissingBean
    public GenServerClients genServerClients(ProcessRuntime runtime, ServerDefinitions definitions,
                                             GenServerProperties properties) {
        return new GenServerClients(runtime, definitions, properties.getCallTimeout());
    }

    /**
     * The supervision tree, started and stopped with the context.
     *
     * @param runtime the runtime
     * @param specs the specs
     * @param environment reads {@code spring.lifecycle.timeout-per-shutdown-phase}
     * @return the tree
     */
    @Bean
    @ConditionalOnMissingBean
    public SupervisionTree genServerSupervisionTree(ProcessRuntime runtime, ServerSpecs specs,
                                                    Environment environment) {
        return new SupervisionTree(runtime, specs::treeSpec, phaseTimeout(environment));
    }

    /**
     * The by-name API.
     *
     * @param runtime the runtime
     * @param clients the proxy factory
     * @param tree the tree
     * @param definitions the servers
     * @return the API
     */
    @Bean
    @ConditionalOnMissingBean
    public GenServers genServers(ProcessRuntime runtime, GenServerClients clients, SupervisionTree tree,
                                 ServerDefinitions definitions) {
        return new GenServers(runtime, clients, tree, definitions);
    }
}
