package dev.genserver.spring.autoconfigure;

import dev.genserver.process.ProcessRuntime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The core {@link ProcessRuntime}: the home of every server. Closed (stopping whatever still
 * runs) when the application context closes, after the supervision tree has stopped. Built by
 * {@link ProcessRuntime#builder()} from {@code genserver.crash-logs.*}, then with every
 * {@link ProcessRuntimeCustomizer} bean applied, in order. Define your own {@code ProcessRuntime}
 * bean to replace it.
 */
@AutoConfiguration
@ConditionalOnClass(ProcessRuntime.class)
@ConditionalOnBooleanProperty(name = "genserver.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GenServerProperties.class)
public final class GenServerRuntimeAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ProcessRuntime genServerProcessRuntime(GenServerProperties properties,
            ObjectProvider<ProcessRuntimeCustomizer> customizers) {
        GenServerProperties.CrashLogs crashLogs = properties.getCrashLogs();
        ProcessRuntime.Builder builder = ProcessRuntime.builder()
                .showStateInCrashLogs(crashLogs.isShowState())
                .crashLogLimit(crashLogs.getLimit(), crashLogs.getInterval());
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }
}
