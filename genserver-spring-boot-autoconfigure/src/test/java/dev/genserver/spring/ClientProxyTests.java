package dev.genserver.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.process.CallFailedException;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.fixtures.Counter;
import dev.genserver.spring.fixtures.CounterApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Typed proxies: calls, casts, async calls, default methods, declared exceptions and crashes. */
class ClientProxyTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class));

    @Test
    void everyKindOfInterfaceMethod() {
        runner.withUserConfiguration(Counter.class).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            CounterApi counter = ctx.getBean(CounterApi.class);
            counter.increment(2);
            assertThat(counter.value()).isEqualTo(2);
            assertThat(counter.valueLater().join()).isEqualTo(2);
            assertThat(counter.doubled()).isEqualTo(4);
            assertThatThrownBy(() -> counter.fail("no")).isInstanceOf(CounterApi.CounterException.class);
            GenServers servers = ctx.getBean(GenServers.class);
            assertThat((Integer) servers.call("counter", new Counter.Get())).isEqualTo(2);
            assertThatThrownBy(counter::crash).isInstanceOf(CallFailedException.class)
                    .hasMessageContaining("CounterApi.crash()").hasRootCauseMessage("boom");
            assertThat(counter.value()).isEqualTo(0);
            assertThat(servers.tree()).isPresent();
        });
    }
}
