package dev.genserver.state.autoconfigure;

import dev.genserver.state.DurableStates;
import dev.genserver.state.actuate.DurableStateEndpoint;
import dev.genserver.state.actuate.DurableStateHealthIndicator;
import dev.genserver.state.actuate.DurableStateMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Actuator support of durable state, each piece when its library is there: the
 * {@code genserverstate} endpoint, the {@code genserverState} health contributor
 * ({@code management.health.genserver-state.enabled}) and the {@code genserver.state.*} meters.
 */
@AutoConfiguration(after = DurableStateAutoConfiguration.class, beforeName = {
        "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration" }, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnBean(DurableStates.class)
@Import({ DurableStateActuatorAutoConfiguration.EndpointConfiguration.class,
        DurableStateActuatorAutoConfiguration.HealthConfiguration.class,
        DurableStateActuatorAutoConfiguration.MetricsConfiguration.class })
public final class DurableStateActuatorAutoConfiguration {

    DurableStateActuatorAutoConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
    @ConditionalOnAvailableEndpoint(DurableStateEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DurableStateEndpoint genServerDurableStateEndpoint(DurableStates states) {
            return new DurableStateEndpoint(states);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
    @ConditionalOnEnabledHealthIndicator("genserver-state")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "genserverStateHealthIndicator")
        DurableStateHealthIndicator genserverStateHealthIndicator(DurableStates states,
                                                                  DurableStateProperties properties) {
            return new DurableStateHealthIndicator(states, new Status(
                    properties.getHealth().getUnreachableStatus().trim().toUpperCase(Locale.ROOT)));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DurableStateMeters genServerDurableStateMeters(ObjectProvider<DurableStates> states) {
            return new DurableStateMeters(states::getObject);
        }
    }
}
