package dev.genserver.spring.autoconfigure.actuate.endpoint;

import dev.genserver.spring.actuate.SupervisionTreeReader;
import dev.genserver.spring.actuate.endpoint.GenServerStateFormatter;
import dev.genserver.spring.actuate.endpoint.GenServersEndpoint;
import dev.genserver.spring.actuate.endpoint.GenServersEndpointWebExtension;
import dev.genserver.spring.actuate.endpoint.JacksonGenServerStateFormatter;
import dev.genserver.spring.actuate.endpoint.ProcessOperations;
import dev.genserver.spring.autoconfigure.actuate.GenServerObservabilityAutoConfiguration;
import dev.genserver.spring.support.SupervisionTree;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code genservers} Actuator endpoint ({@link GenServersEndpoint}) and its web extension.
 * Read-only by default; {@code management.endpoint.genservers.access=unrestricted} turns the
 * restart, suspend and resume operations on. Exposed like any endpoint, with
 * {@code management.endpoints.web.exposure.include=genservers}.
 */
@AutoConfiguration(after = GenServerObservabilityAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(GenServersEndpoint.class)
@EnableConfigurationProperties(GenServersEndpointProperties.class)
public final class GenServersEndpointAutoConfiguration {

    GenServersEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnBean({ SupervisionTreeReader.class, SupervisionTree.class })
    @ConditionalOnMissingBean
    GenServersEndpoint genServersEndpoint(SupervisionTreeReader reader, SupervisionTree tree,
                                          ObjectProvider<GenServerStateFormatter> stateFormatter,
                                          ObjectProvider<SanitizingFunction> sanitizingFunctions,
                                          GenServersEndpointProperties properties) {
        ProcessOperations operations = new ProcessOperations(reader, () -> {
            tree.stop();
            tree.start();
        });
        return new GenServersEndpoint(reader, operations, stateFormatter.getIfUnique(() -> GenServerStateFormatter.AS_IS),
                sanitizingFunctions.orderedStream().toList(), properties.getShowValues().isShown(true));
    }

    @Bean
    @ConditionalOnBean(GenServersEndpoint.class)
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    GenServersEndpointWebExtension genServersEndpointWebExtension(GenServersEndpoint endpoint,
                                                                  GenServersEndpointProperties properties) {
        return new GenServersEndpointWebExtension(endpoint, properties.getShowValues(), properties.getRoles());
    }

    /** Formats states with the Actuator's JSON mapper when Jackson is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JacksonStateFormatterConfiguration {

        @Bean
        @ConditionalOnMissingBean
        GenServerStateFormatter genServerStateFormatter(ObjectProvider<EndpointJsonMapper> endpointMapper,
                                                        ObjectProvider<JsonMapper> applicationMapper) {
            return new JacksonGenServerStateFormatter(() -> {
                EndpointJsonMapper actuator = endpointMapper.getIfUnique();
                return actuator != null ? actuator.get() : applicationMapper.getIfUnique();
            });
        }
    }
}
