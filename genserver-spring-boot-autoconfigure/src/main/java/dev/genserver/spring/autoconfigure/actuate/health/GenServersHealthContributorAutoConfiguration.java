package dev.genserver.spring.autoconfigure.actuate.health;

import dev.genserver.spring.actuate.SupervisionTreeReader;
import dev.genserver.spring.actuate.health.GenServersHealthIndicator;
import dev.genserver.spring.autoconfigure.actuate.GenServerObservabilityAutoConfiguration;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/**
 * The {@code genservers} health contributor ({@link GenServersHealthIndicator}); off with
 * {@code management.health.genservers.enabled=false}. Add it to the readiness group with
 * {@code management.endpoint.health.group.readiness.include=readinessState,genservers}.
 */
@AutoConfiguration(after = GenServerObservabilityAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(SupervisionTreeReader.class)
@ConditionalOnEnabledHealthIndicator("genservers")
@EnableConfigurationProperties(GenServerHealthProperties.class)
public final class GenServersHealthContributorAutoConfiguration {

    GenServersHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = { "genserversHealthIndicator", "genserversHealthContributor" })
    GenServersHealthIndicator genserversHealthIndicator(SupervisionTreeReader reader,
                                                        GenServerHealthProperties properties) {
        Status backlogStatus = new Status(properties.getBacklogStatus().trim().toUpperCase(Locale.ROOT));
        return new GenServersHealthIndicator(reader, GenServersHealthIndicator.Settings.defaults()
                .withBacklog(properties.getMailboxBacklogThreshold(), backlogStatus)
                .withRestartLoopThreshold(properties.getRestartLoopThreshold()));
    }
}
