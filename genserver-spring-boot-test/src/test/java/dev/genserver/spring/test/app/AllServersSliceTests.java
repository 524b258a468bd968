package dev.genserver.spring.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.spring.GenServers;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.test.GenServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Without classes, the slice keeps every {@code @GenServer} and the components they take. */
@GenServerTest(excludeAutoConfiguration = GenServerKeyedAutoConfiguration.class)
class AllServersSliceTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    GreeterApi greeter;

    @Test
    void keepsEveryServerAndWhatItTakesButNothingElse() {
        assertThat(context.getBean(GenServers.class).definitions().servers())
                .extracting(d -> d.serverName()).containsExactlyInAnyOrder("counter", "greeter");
        assertThat(greeter.greet("ann")).isEqualTo("hello, ann");
        assertThat(context.getBeanNamesForType(Greeting.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(Unrelated.class)).isEmpty();
        assertThat(context.getBeanNamesForType(CounterReader.class)).isEmpty();
    }

    @Test
    void keepsTheTestJvmRunningWhenTheRootGivesUp() {
        assertThat(context.getEnvironment().getProperty("genserver.on-give-up")).isEqualTo("keep-running");
    }

    @Test
    void leavesOutTheExcludedAutoConfiguration() {
        assertThat(context.containsBean("genServerKeyedServerManager")).isFalse();
    }
}
