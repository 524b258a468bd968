package dev.genserver.spring.autoconfigure.actuate.metrics;

import dev.genserver.spring.actuate.SupervisionTreeReader;
import dev.genserver.spring.actuate.metrics.GenServerMeters;
import dev.genserver.spring.actuate.observation.GenServerObservationInterceptor;
import dev.genserver.spring.autoconfigure.actuate.GenServerObservabilityAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.observation.GenServerObservationAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Micrometer meters of the application's servers ({@link GenServerMeters}, a
 * {@link io.micrometer.core.instrument.binder.MeterBinder} that Spring Boot binds to its
 * registry). Turn them off like any meters, with {@code management.metrics.enable.genserver=false}.
 */
@AutoConfiguration(after = { GenServerObservabilityAutoConfiguration.class,
        GenServerObservationAutoConfiguration.class }, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, SupervisionTreeReader.class })
public final class GenServerMetricsAutoConfiguration {

    GenServerMetricsAutoConfiguration() {
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 100)
    @ConditionalOnMissingBean
    GenServerMeters genServerMeters(SupervisionTreeReader reader,
                                    ObjectProvider<GenServerObservationInterceptor> observations) {
        // With observations on, the genserver.handler Observation records the handler timer.
        return new GenServerMeters(reader, observations.getIfAvailable() == null);
    }
}
