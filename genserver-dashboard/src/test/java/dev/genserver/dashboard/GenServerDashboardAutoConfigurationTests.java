package dev.genserver.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.dashboard.autoconfigure.GenServerDashboardAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.GenServerObservabilityAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.endpoint.GenServersEndpointAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The dashboard is off unless its endpoint is exposed, and its properties are checked when bound. */
class GenServerDashboardAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                    GenServerObservabilityAutoConfiguration.class, GenServersEndpointAutoConfiguration.class,
                    GenServerDashboardAutoConfiguration.class));

    @Test
    void isOffUnlessItsEndpointIsExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=genservers")
                .run(context -> assertThat(context).doesNotHaveBean(ObserverEndpoint.class)
                        .doesNotHaveBean(ObserverHistory.class));
    }

    @Test
    void isOnOnceItsEndpointIsExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=genservers,observer",
                        "genserver.dashboard.sample-interval=5s", "genserver.dashboard.history-size=10")
                .run(context -> {
                    assertThat(context).hasSingleBean(ObserverEndpoint.class);
                    assertThat(context.getBean(ObserverHistory.class).interval()).hasSeconds(5);
                });
    }

    @Test
    void isOffWhenItsAccessIsNone() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=genservers,observer",
                        "management.endpoint.observer.access=NONE")   // the runner has no lenient enum conversion
                .run(context -> assertThat(context).doesNotHaveBean(ObserverEndpoint.class));
    }

    @Test
    void refusesASampleIntervalBelow100ms() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=observer",
                        "genserver.dashboard.sample-interval=10ms")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("'genserver.dashboard.sample-interval' must be at least 100ms"));
    }

    @Test
    void refusesAHistoryOfLessThanTwoSamples() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=observer",
                        "genserver.dashboard.history-size=1")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("'genserver.dashboard.history-size' must be between 2 and 100000"));
    }
}
