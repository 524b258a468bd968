package dev.genserver.spring.test;

import dev.genserver.spring.GenServers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Adds a {@link GenServerTester} to a {@link GenServerTest}'s context. */
@TestConfiguration(proxyBeanMethods = false)
public class GenServerTestConfiguration {

    /** Creates the instance. */
    public GenServerTestConfiguration() {
    }

    /**
     * The tester.
     *
     * @param servers the by-name API
     * @return the tester
     */
    @Bean
    @ConditionalOnMissingBean
    public GenServerTester genServerTester(GenServers servers) {
        return new GenServerTester(servers);
    }
}
