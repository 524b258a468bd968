package dev.genserver.state.autoconfigure;

import com.hazelcast.core.HazelcastInstance;
import dev.genserver.spring.GenServerDefinitionException;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.support.ServerDefinition;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.ServerSpecs;
import dev.genserver.state.Durable;
import dev.genserver.state.DurableStates;
import dev.genserver.state.StateStore;
import dev.genserver.state.StateStoreObserver;
import dev.genserver.state.hazelcast.HazelcastStateStore;
import dev.genserver.state.jdbc.JdbcStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Durable state for {@link Durable} servers: a {@link StateStore} (a table through the
 * application's {@code DataSource}, or a Hazelcast map; see {@code genserver.state.store}) and
 * {@link DurableStates}, which decorates each fresh instance of a durable server. A
 * {@code StateStore} bean of the application's own replaces the store; a {@code @Durable} server
 * without any store fails the startup with a message saying what to add.
 */
@AutoConfiguration(after = GenServerAutoConfiguration.class, afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnBean(ServerSpecs.class)
@ConditionalOnBooleanProperty(name = "genserver.state.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DurableStateProperties.class)
@Import({ DurableStateAutoConfiguration.JdbcStore.class, DurableStateAutoConfiguration.HazelcastStore.class })
public final class DurableStateAutoConfiguration {

    DurableStateAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBean(StateStore.class)
    @ConditionalOnMissingBean
    DurableStates genServerDurableStates(ServerDefinitions definitions, StateStore store,
                                         ObjectProvider<JsonMapper> mapper, DurableStateProperties properties,
                                         Environment environment, ObjectProvider<StateStoreObserver> observers) {
        List<StateStoreObserver> all = observers.orderedStream().toList();
        StateStoreObserver observer = all.isEmpty() ? StateStoreObserver.NONE
                : (server, operation, outcome, nanos) -> all.forEach(o -> o.observed(server, operation, outcome, nanos));
        return new DurableStates(definitions.servers(), store, mapper.getIfAvailable(() -> JsonMapper.builder().build()),
                durable -> delay(durable, properties, environment), observer, Clock.systemUTC());
    }

    private static Duration delay(Durable durable, DurableStateProperties properties, Environment environment) {
        if (durable.delay().isBlank()) {
            return properties.getWriteBehindDelay();
        }
        return DurationStyle.detectAndParse(environment.resolveRequiredPlaceholders(durable.delay()));
    }

    /** Fails the startup when a server is {@code @Durable} and no store exists. */
    @Bean
    @ConditionalOnMissingBean(StateStore.class)
    static Object genServerDurableStateWithoutStore(ServerDefinitions definitions) {
        List<String> durable = definitions.servers().stream()
                .filter(d -> d.serverClass().isAnnotationPresent(Durable.class)).map(ServerDefinition::serverName)
                .toList();
        if (!durable.isEmpty()) {
            throw new GenServerDefinitionException(List.of("servers " + durable + " are @Durable but there is no "
                    + "StateStore: add a DataSource (spring-boot-starter-jdbc with H2 or PostgreSQL) or a "
                    + "HazelcastInstance, or declare a StateStore bean (genserver.state.store chooses between jdbc "
                    + "and hazelcast)"));
        }
        return new Object();
    }

    /** The JDBC store, on the application's DataSource. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.jdbc.core.simple.JdbcClient")
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnProperty(name = "genserver.state.store", havingValue = "jdbc", matchIfMissing = true)
    static class JdbcStore {

        @Bean
        @ConditionalOnMissingBean(StateStore.class)
        JdbcStateStore genServerJdbcStateStore(DataSource dataSource, DurableStateProperties properties) {
            return new JdbcStateStore(dataSource, properties.getJdbc().getTable(), properties.getJdbc().isCreateTable(),
                    Clock.systemUTC());
        }
    }

    /** The Hazelcast store, on the application's HazelcastInstance. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.hazelcast.core.HazelcastInstance")
    @ConditionalOnBean(type = "com.hazelcast.core.HazelcastInstance")
    @ConditionalOnProperty(name = "genserver.state.store", havingValue = "hazelcast", matchIfMissing = true)
    static class HazelcastStore {

        @Bean
        @ConditionalOnMissingBean(StateStore.class)
        HazelcastStateStore genServerHazelcastStateStore(HazelcastInstance hazelcast, DurableStateProperties properties) {
            return new HazelcastStateStore(hazelcast, properties.getHazelcast().getMap(), Clock.systemUTC());
        }
    }
}
