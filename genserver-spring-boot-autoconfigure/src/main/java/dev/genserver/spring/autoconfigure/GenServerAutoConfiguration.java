package dev.genserver.spring.autoconfigure;

import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.support.GenServerBeanRegistrar;
import dev.genserver.spring.support.GenServerClients;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.ServerKeyInjector;
import dev.genserver.spring.support.ServerPlacements;
import dev.genserver.spring.support.ServerSpecs;
import dev.genserver.spring.support.SupervisionTree;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
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
 * after it has drained. Also provides {@link GenServers}, the by-name API. Applies every
 * {@link GenServerStartOptionsCustomizer}, {@link SupervisorSpecCustomizer} and
 * {@link GenServerInstanceDecorator} bean, in order, and
 * the give-up policy of {@code genserver.on-give-up}.
 */
@AutoConfiguration(after = GenServerRuntimeAutoConfiguration.class)
@ConditionalOnClass(ProcessRuntime.class)
@ConditionalOnBooleanProperty(name = "genserver.enabled", matchIfMissing = true)
@ConditionalOnBean(ProcessRuntime.class)
public final class GenServerAutoConfiguration {

    /** Spring Boot's default of {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    // static: it post-processes bean definitions
    @Bean
    static GenServerBeanRegistrar genServerBeanRegistrar() {
        return new GenServerBeanRegistrar();
    }

    @Bean
    static ServerKeyInjector genServerKeyInjector() {
        return new ServerKeyInjector();
    }

    @Bean
    @ConditionalOnMissingBean
    ServerSpecs genServerSpecs(ConfigurableListableBeanFactory beanFactory, ServerDefinitions definitions,
                               GenServerProperties properties, Environment environment,
                               ObjectProvider<GenServerStartOptionsCustomizer> optionsCustomizers,
                               ObjectProvider<SupervisorSpecCustomizer> supervisorCustomizers,
                               ObjectProvider<GenServerInstanceDecorator> instanceDecorators) {
        ServerSpecs specs = new ServerSpecs(beanFactory, definitions, properties, phaseTimeout(environment),
                optionsCustomizers.orderedStream().toList(), supervisorCustomizers.orderedStream().toList());
        specs.setInstanceDecorators(instanceDecorators.orderedStream().toList());
        return specs;
    }

    private static Duration phaseTimeout(Environment environment) {
        return Binder.get(environment).bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(DEFAULT_PHASE_TIMEOUT);
    }

    @Bean
    @ConditionalOnMissingBean
    GenServerClients genServerClients(ProcessRuntime runtime, ServerDefinitions definitions,
                                      GenServerProperties properties, SupervisionTree tree,
                                      ObjectProvider<ServerPlacements> placements) {
        GenServerClients clients = new GenServerClients(runtime, definitions, properties.getCallTimeout(), tree);
        clients.setPlacements(placements.getIfUnique());
        return clients;
    }

    @Bean
    GiveUpPolicy genServerGiveUpPolicy(GenServerProperties properties) {
        return new GiveUpPolicy(properties.getOnGiveUp());
    }

    @Bean
    @ConditionalOnMissingBean
    SupervisionTree genServerSupervisionTree(ProcessRuntime runtime, ServerSpecs specs,
                                             Environment environment, GiveUpPolicy giveUpPolicy) {
        return new SupervisionTree(runtime, specs::treeSpec, phaseTimeout(environment), giveUpPolicy);
    }

    @Bean
    @ConditionalOnMissingBean
    GenServers genServers(ProcessRuntime runtime, GenServerClients clients, SupervisionTree tree,
                          ServerDefinitions definitions, ObjectProvider<ServerPlacements> placements) {
        GenServers genServers = new GenServers(runtime, clients, tree, definitions);
        genServers.setPlacements(placements.getIfUnique());
        return genServers;
    }
}
