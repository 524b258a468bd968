package dev.genserver.spring.autoconfigure.actuate.observation;

import dev.genserver.spring.actuate.SupervisionTreeReader;
import dev.genserver.spring.actuate.ServerTags;
import dev.genserver.spring.actuate.observation.GenServerObservationConvention;
import dev.genserver.spring.actuate.observation.GenServerObservationInterceptor;
import dev.genserver.spring.autoconfigure.actuate.GenServerObservabilityAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * An Observation around every handled message ({@link GenServerObservationInterceptor}), with the
 * caller's trace carried into the server; off with {@code genserver.observation.enabled=false}.
 */
@AutoConfiguration(after = GenServerObservabilityAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, SupervisionTreeReader.class })
@ConditionalOnBooleanProperty(name = "genserver.observation.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GenServerObservationProperties.class)
public final class GenServerObservationAutoConfiguration {

    GenServerObservationAutoConfiguration() {
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 100)
    @ConditionalOnMissingBean
    GenServerObservationInterceptor genServerObservationInterceptor(ObservationRegistry registry, ServerTags tags,
            ObjectProvider<GenServerObservationConvention> convention) {
        return new GenServerObservationInterceptor(registry, tags, convention.getIfUnique());
    }
}
