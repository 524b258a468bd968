package dev.genserver.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.HandlerInterceptor;
import dev.genserver.spring.actuate.GenServerInspector.SupervisorNode;
import dev.genserver.spring.actuate.GenServerInspector.WorkerNode;
import dev.genserver.spring.actuate.endpoint.GenServerStateFormatter;
import dev.genserver.spring.actuate.endpoint.GenServersEndpoint;
import dev.genserver.spring.actuate.endpoint.GenServersEndpointWebExtension;
import dev.genserver.spring.actuate.fixtures.Pinger;
import dev.genserver.spring.actuate.fixtures.PingerApi;
import dev.genserver.spring.actuate.health.GenServersHealthIndicator;
import dev.genserver.spring.actuate.metrics.GenServerMeters;
import dev.genserver.spring.actuate.observation.GenServerObservationInterceptor;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.GenServerObservabilityAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.endpoint.GenServersEndpointAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.health.GenServersHealthContributorAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.metrics.GenServerMetricsAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.observation.GenServerObservationAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The conditions and properties of the observability auto-configurations. */
class GenServerActuatorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                    GenServerObservabilityAutoConfiguration.class, GenServersEndpointAutoConfiguration.class,
                    GenServersHealthContributorAutoConfiguration.class, GenServerMetricsAutoConfiguration.class,
                    GenServerObservationAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=genservers")
            .withUserConfiguration(Pinger.class);

    @Configuration(proxyBeanMethods = false)
    static class Metrics {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Observations {
        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }

    @Test
    void providesEverythingWhenActuatorHealthAndMicrometerArePresent() {
        runner.withUserConfiguration(Metrics.class, Observations.class).run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(GenServerInspector.class)
                    .hasSingleBean(GenServerActivity.class).hasSingleBean(ServerTags.class)
                    .hasSingleBean(HandlerInterceptorRegistrar.class).hasSingleBean(MdcHandlerInterceptor.class)
                    .hasSingleBean(GenServersEndpoint.class).hasSingleBean(GenServersEndpointWebExtension.class)
                    .hasSingleBean(GenServerMeters.class).hasSingleBean(GenServerObservationInterceptor.class)
                    .hasBean("genserversHealthIndicator").hasSingleBean(GenServerStateFormatter.class);
            assertThat(ctx.getBeanProvider(HandlerInterceptor.class).orderedStream().map(Object::getClass).toList())
                    .containsExactly(MdcHandlerInterceptor.class, GenServerObservationInterceptor.class,
                            GenServerMeters.class);
        });
    }

    @Test
    void noEndpointWithoutActuator() {
        runner.withClassLoader(new FilteredClassLoader(Endpoint.class)).run(ctx -> assertThat(ctx).hasNotFailed()
                .doesNotHaveBean(GenServersEndpoint.class).hasSingleBean(GenServerInspector.class)
                .hasSingleBean(GenServersHealthIndicator.class));
    }

    @Test
    void noEndpointUnlessExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenServersEndpoint.class));
    }

    @Test
    void noEndpointWhenItsAccessIsNone() {
        runner.withPropertyValues("management.endpoint.genservers.access=NONE")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenServersEndpoint.class));
    }

    @Test
    void noHealthContributorWithoutSpringBootHealthOrWhenDisabled() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenServersHealthIndicator.class)
                        .hasSingleBean(GenServersEndpoint.class));
        runner.withPropertyValues("management.health.genservers.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenServersHealthIndicator.class));
    }

    @Test
    void noMetersOrObservationsWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core", "io.micrometer.observation"))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenServerMeters.class)
                        .doesNotHaveBean(GenServerObservationInterceptor.class)
                        .hasSingleBean(GenServersEndpoint.class).hasSingleBean(MdcHandlerInterceptor.class));
    }

    @Test
    void noMetersOrObservationsWithoutTheirRegistries() {
        runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenServerMeters.class)
                .doesNotHaveBean(GenServerObservationInterceptor.class));
    }

    @Test
    void propertiesTurnObservationsAndTheMdcOff() {
        runner.withUserConfiguration(Metrics.class, Observations.class)
                .withPropertyValues("genserver.observation.enabled=false", "genserver.logging.mdc.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenServerObservationInterceptor.class)
                        .doesNotHaveBean(MdcHandlerInterceptor.class).hasSingleBean(GenServerMeters.class));
    }

    @Test
    void nothingWhenGenServerIsDisabled() {
        runner.withUserConfiguration(Metrics.class).withPropertyValues("genserver.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenServerInspector.class)
                        .doesNotHaveBean(GenServersEndpoint.class).doesNotHaveBean(GenServersHealthIndicator.class)
                        .doesNotHaveBean(GenServerMeters.class).doesNotHaveBean(HandlerInterceptorRegistrar.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean
        HealthIndicator genserversHealthIndicator() {
            return () -> Health.up().withDetail("mine", true).build();
        }

        @Bean
        GenServerStateFormatter myFormatter() {
            return state -> "formatted";
        }
    }

    @Test
    void backsOffForTheApplicationsOwnBeans() {
        runner.withUserConfiguration(OwnBeans.class).run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(GenServersHealthIndicator.class)
                    .hasSingleBean(GenServerStateFormatter.class).hasBean("myFormatter");
            Map<String, Object> pinger = ctx.getBean(GenServersEndpoint.class).genServer("pinger");
            assertThat(pinger).containsEntry("state", "******"); // show-values never: the formatter is not even asked
        });
        runner.withUserConfiguration(OwnBeans.class).withPropertyValues("management.endpoint.genservers.show-values=always")
                .run(ctx -> assertThat(ctx.getBean(GenServersEndpoint.class).genServer("pinger"))
                        .containsEntry("state", "formatted"));
    }

    @Test
    void theInspectorReadsTheTree() {
        runner.run(ctx -> {
            SupervisorNode root = ctx.getBean(GenServerInspector.class).tree().orElseThrow();
            assertThat(root.name()).isEqualTo("root");
            assertThat(root.status()).isEqualTo("running");
            assertThat(root.children()).extracting(GenServerInspector.Node::name).containsExactly("pinger");
            WorkerNode pinger = (WorkerNode) root.children().getFirst();
            assertThat(pinger.className()).isEqualTo(Pinger.class.getName());
            assertThat(pinger.restart()).isEqualTo("permanent");
            assertThat(pinger.supervisor()).isEqualTo("root");
        });
    }

    @Test
    void healthIsDownWhenTheRootGivesUpAndUpOnceTheTreeIsRestarted() {
        runner.withPropertyValues("genserver.supervisors.root.max-restarts=0", "genserver.on-give-up=keep-running")
                .run(ctx -> {
            GenServersHealthIndicator health = ctx.getBean(GenServersHealthIndicator.class);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
            assertThatThrownBy(() -> ctx.getBean(PingerApi.class).crash()).isInstanceOf(CallFailedException.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> health.health(true).getStatus().equals(Status.DOWN));
            Health down = health.health(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) ((Map<String, Object>) down.getDetails()
                    .get("supervisors")).get("root");
            assertThat(root).containsEntry("status", "DOWN").containsEntry("gaveUp", true)
                    .containsEntry("state", "stopped");

            GenServerInspector inspector = ctx.getBean(GenServerInspector.class);
            inspector.operate(inspector.find("root").orElseThrow(), GenServerInspector.Action.RESTART);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
            assertThat(ctx.getBean(PingerApi.class).ping()).isEqualTo("pong");
        });
    }

    @Test
    void outOfServiceWhenTheTreeIsNotRunning() {
        runner.run(ctx -> {
            GenServersHealthIndicator health = ctx.getBean(GenServersHealthIndicator.class);
            ctx.getBean(dev.genserver.spring.support.SupervisionTree.class).stop();
            assertThat(health.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        });
    }

    @Test
    void timesHandlersItselfWhenObservationsAreOff() {
        runner.withUserConfiguration(Metrics.class).run(ctx -> {
            assertThat(ctx).doesNotHaveBean(GenServerObservationInterceptor.class);
            PingerApi pinger = ctx.getBean(PingerApi.class);
            pinger.ping();
            pinger.ping();
            MeterRegistry meters = ctx.getBean(MeterRegistry.class);
            assertThat(meters.get("genserver.handler").tags("server", "pinger", "kind", "call", "error", "none")
                    .timer().count()).isEqualTo(2);
            assertThat(meters.get("genserver.call").tags("server", "pinger", "outcome", "replied").timer().count())
                    .isEqualTo(2);
            assertThatThrownBy(pinger::crash).isInstanceOf(CallFailedException.class);
            assertThat(meters.get("genserver.handler").tags("server", "pinger", "kind", "call",
                    "error", "IllegalStateException").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void theHandlerTimerComesFromTheObservationWhenObservationsAreOn() {
        runner.withUserConfiguration(Metrics.class, Observations.class).run(ctx -> {
            PingerApi pinger = ctx.getBean(PingerApi.class);
            pinger.ping();
            MeterRegistry meters = ctx.getBean(MeterRegistry.class);
            assertThat(meters.get("genserver.handler").tags("server", "pinger", "kind", "call", "error", "none")
                    .timer().count()).isEqualTo(1);
            assertThat(meters.find("genserver.handler").timers()).hasSize(1);
            assertThat(meters.get("genserver.handler.active").longTaskTimer()).isNotNull();
        });
    }
}
