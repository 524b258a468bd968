package dev.genserver.dashboard.autoconfigure;

import dev.genserver.dashboard.ObserverEndpoint;
import dev.genserver.dashboard.ObserverHistory;
import dev.genserver.spring.actuate.SupervisionTreeReader;
import dev.genserver.spring.autoconfigure.actuate.GenServerObservabilityAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.endpoint.GenServersEndpointAutoConfiguration;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The dashboard: the {@code observer} Actuator endpoint ({@link ObserverEndpoint}) and the
 * history of its charts ({@link ObserverHistory}). Nothing runs unless the endpoint is exposed
 * ({@code management.endpoints.web.exposure.include=genservers,observer}); the page reads the
 * {@code genservers} endpoint, which must be exposed too.
 */
@AutoConfiguration(after = { GenServerObservabilityAutoConfiguration.class,
        GenServersEndpointAutoConfiguration.class })
@ConditionalOnClass(WebEndpoint.class)
@ConditionalOnAvailableEndpoint(ObserverEndpoint.class)
@ConditionalOnBean(SupervisionTreeReader.class)
@EnableConfigurationProperties(GenServerDashboardProperties.class)
public final class GenServerDashboardAutoConfiguration {

    GenServerDashboardAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ObserverHistory genServerObserverHistory(SupervisionTreeReader reader, GenServerDashboardProperties properties) {
        return new ObserverHistory(reader, properties.getSampleInterval(), properties.getHistorySize(),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    ObserverEndpoint genServerObserverEndpoint(ObserverHistory history,
                                               ObjectProvider<PathMappedEndpoints> endpoints) {
        return new ObserverEndpoint(history, endpoints::getIfAvailable);
    }
}
