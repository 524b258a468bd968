package dev.genserver.spring.test;

import dev.genserver.spring.GenServers;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** A {@link GenServerTester} in tests with {@link AutoConfigureGenServer}. */
@AutoConfiguration(after = GenServerAutoConfiguration.class)
@ConditionalOnBean(GenServers.class)
final class GenServerTesterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GenServerTester genServerTester(GenServers servers) {
        return new GenServerTester(servers);
    }
}
