package dev.genserver.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.spring.app.Cart;
import dev.genserver.spring.app.Events;
import dev.genserver.spring.autoconfigure.actuate.GenServerInspectionProperties;
import dev.genserver.spring.autoconfigure.actuate.health.GenServerHealthProperties;
import dev.genserver.spring.fixtures.Counter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * Every bad {@code genserver.*} value fails the startup, before any server starts, with Spring
 * Boot's failure report naming the property (the analyzers are loaded from spring.factories, as
 * SpringApplication loads them).
 */
class GenServerPropertiesValidationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class))
            .withUserConfiguration(Counter.class, Cart.class, Events.class);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            genserver.call-timeout=-5s                          | genserver.call-timeout                  | must be positive
            genserver.call-timeout=0s                           | genserver.call-timeout                  | must be positive
            genserver.call-timeout=banana                       | genserver.call-timeout                  | banana
            genserver.start-timeout=-1s                         | genserver.start-timeout                 | must be positive
            genserver.on-give-up=explode                        | genserver.on-give-up                    | explode
            genserver.mailbox.capacity=-1                       | genserver.mailbox.capacity              | must be at least 1
            genserver.mailbox.capacity=0                        | genserver.mailbox.capacity              | must be at least 1
            genserver.mailbox.block-timeout=-1s                 | genserver.mailbox.block-timeout         | must be positive
            genserver.mailbox.overflow=blok                     | genserver.mailbox.overflow              | blok
            genserver.shutdown.timeout=-1s                      | genserver.shutdown.timeout              | must be zero (kill at once) or more
            genserver.supervisors.root.max-restarts=-1          | genserver.supervisors.root.max-restarts | must be zero or more
            genserver.supervisors.root.period=0s                | genserver.supervisors.root.period       | must be positive
            genserver.supervisors.root.max-seconds=0            | genserver.supervisors.root.max-seconds  | must be positive
            genserver.supervisors.root.strategy=one-for-none    | genserver.supervisors.root.strategy     | one-for-none
            genserver.supervisors.root.backoff.multiplier=0.5   | genserver.supervisors.root.backoff.multiplier | must be at least 1
            genserver.supervisors.root.backoff.jitter=2         | genserver.supervisors.root.backoff.jitter     | must be between 0 and 1
            genserver.supervisors.root.backoff.initial=-1s      | genserver.supervisors.root.backoff.initial    | must be positive
            genserver.supervisors.root.backoff.reset-after=0s   | genserver.supervisors.root.backoff.reset-after | must be positive
            genserver.keyed.cart.max-instances=-5               | genserver.keyed.cart.max-instances      | must be zero (unlimited) or more
            genserver.keyed.cart.idle-timeout=banana            | genserver.keyed.cart.idle-timeout       | banana
            genserver.keyed.cart.idle-timeout=-1s               | genserver.keyed.cart.idle-timeout       | must be zero (never passivate) or more
            genserver.keyed.crat.idle-timeout=1m                | genserver.keyed.crat                    | no keyed @GenServer is named crat; keyed servers: [cart]
            genserver.keyed.counter.max-instances=2             | genserver.keyed.counter                 | counter is a @GenServer without @Keyed
            genserver.supervisors.paymnts.max-restarts=5        | genserver.supervisors.paymnts           | no @Supervisor is named paymnts and no server is placed under it
            genserver.supervisors.x.servers=nope                | genserver.supervisors.x.servers         | nope is not a @GenServer; servers that can be placed: [counter]
            genserver.supervisors.x.servers=cart                | genserver.supervisors.x.servers         | cart is a keyed server
            genserver.supervisors.root.parent=x                 | genserver.supervisors.root.parent       | the root supervisor has no parent
            """)
    void aBadValueFailsTheStartupNamingTheProperty(String property, String name, String reason) {
        runner.withPropertyValues(property).run(ctx -> {
            assertThat(ctx).hasFailed();
            FailureAnalysis analysis = analyze(ctx.getStartupFailure());
            assertThat(analysis).as("a failure analyzer reports " + ctx.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains(name).contains(reason);
        });
    }

    @EnableConfigurationProperties({GenServerInspectionProperties.class, GenServerHealthProperties.class})
    static class ActuatorProperties {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            genserver.inspection.timeout=-1s              | genserver.inspection.timeout              | must be positive
            management.health.genservers.mailbox-backlog-threshold=-3 | management.health.genservers.mailbox-backlog-threshold | must be zero (off) or more
            management.health.genservers.restart-loop-threshold=0s    | management.health.genservers.restart-loop-threshold    | must be positive
            """)
    void aBadActuatorValueFailsTheStartupNamingTheProperty(String property, String name, String reason) {
        new ApplicationContextRunner().withUserConfiguration(ActuatorProperties.class).withPropertyValues(property)
                .run(ctx -> assertThat(analyze(ctx.getStartupFailure()).getDescription()).contains(name)
                        .contains(reason));
    }

    @Test
    void anUnknownParentFailsTheStartupNamingTheProperty() {
        runner.withPropertyValues("genserver.supervisors.pay.servers=counter", "genserver.supervisors.pay.parent=nowhere")
                .run(ctx -> {
                    FailureAnalysis analysis = analyze(ctx.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("genserver.supervisors.pay.parent")
                            .contains("nowhere").contains("no supervisor is named nowhere; supervisors: [pay, root]");
                });
    }

    @Test
    void aBackoffMaxShorterThanItsInitialDelayFailsTheStartup() {
        runner.withPropertyValues("genserver.supervisors.root.backoff.initial=2s",
                "genserver.supervisors.root.backoff.max=1s").run(ctx -> {
                    FailureAnalysis analysis = analyze(ctx.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("genserver.supervisors.root.backoff.max")
                            .contains("shorter than the initial delay");
                });
    }

    @Test
    void thePeriodIsADurationInSecondsByDefaultAndMaxSecondsStillWorks() {
        Map<String, Duration> periods = new ConcurrentHashMap<>();
        runner.withPropertyValues("genserver.supervisors.root.period=7", "genserver.supervisors.x.servers=counter",
                        "genserver.supervisors.x.max-seconds=9")
                .withBean(SupervisorSpecCustomizer.class, () -> (name, spec) -> {
                    periods.put(name, spec.period());
                    return spec;
                })
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(periods).containsEntry("root", Duration.ofSeconds(7))
                            .containsEntry("x", Duration.ofSeconds(9));
                });
    }

    /** Runs Spring Boot's failure analyzers over a startup failure, as SpringApplication does. */
    static FailureAnalysis analyze(Throwable failure) {
        ArgumentResolver arguments = ArgumentResolver.of(Environment.class, new StandardEnvironment())
                .and(BeanFactory.class, null);
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, arguments, FailureHandler.handleMessage((message, e) -> { }));
        return analyzers.stream().map(a -> a.analyze(failure)).filter(Objects::nonNull).findFirst().orElse(null);
    }
}
