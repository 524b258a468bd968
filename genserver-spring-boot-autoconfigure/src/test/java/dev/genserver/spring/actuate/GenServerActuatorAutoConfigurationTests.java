package dev.genserver.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.GenServer;
import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
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
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
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
                    GenServerObservationAutoConfiguration.class, MetricsAutoConfiguration.class))
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
            assertThat(ctx).hasNotFailed().hasSingleBean(SupervisionTreeReader.class)
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
                .doesNotHaveBean(GenServersEndpoint.class).hasSingleBean(SupervisionTreeReader.class)
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
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(SupervisionTreeReader.class)
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
            WorkerDescriptor pinger = (WorkerDescriptor) ctx.getBean(GenServersEndpoint.class).genServer("pinger");
            assertThat(pinger.state()).isEqualTo("******"); // show-values never: the formatter is not even asked
        });
        runner.withUserConfiguration(OwnBeans.class).withPropertyValues("management.endpoint.genservers.show-values=always")
                .run(ctx -> assertThat(((WorkerDescriptor) ctx.getBean(GenServersEndpoint.class).genServer("pinger"))
                        .state()).isEqualTo("formatted"));
    }

    @Test
    void theReaderReadsTheTree() {
        runner.run(ctx -> {
            SupervisorDescriptor root = ctx.getBean(SupervisionTreeReader.class).tree().orElseThrow();
            assertThat(root.name()).isEqualTo("root");
            assertThat(root.status()).isEqualTo("running");
            assertThat(root.children()).extracting(ProcessDescriptor::name).containsExactly("pinger");
            WorkerDescriptor pinger = (WorkerDescriptor) root.children().getFirst();
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

            GenServersEndpoint endpoint = ctx.getBean(GenServersEndpoint.class);
            assertThat(endpoint.genServers().running()).isFalse(); // the tree runs, its root gave up
            assertThat(endpoint.genServers().tree().status()).isEqualTo("stopped");
            endpoint.operateGenServer("root", "restart");
            assertThat(endpoint.genServers().running()).isTrue();
            assertThat(endpoint.genServers().tree().restarts()).isEqualTo(1);
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

    @Test
    void thePassivationSweepsCheckIsNotObserved() {
        runner.withUserConfiguration(Metrics.class, Observations.class,
                        dev.genserver.spring.actuate.app.Session.class)
                .withPropertyValues("genserver.keyed.session.idle-timeout=20ms").run(ctx -> {
                    @SuppressWarnings("unchecked")
                    dev.genserver.spring.KeyedServers<dev.genserver.spring.actuate.app.SessionApi> slots =
                            ctx.getBean(dev.genserver.spring.KeyedServers.class);
                    slots.get("a").touch();
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                            .until(() -> slots.running().isEmpty());
                    MeterRegistry meters = ctx.getBean(MeterRegistry.class);
                    assertThat(meters.find("genserver.handler").tags("kind", "info").timers())
                            .as("handler observations of the sweep's check").isEmpty();
                });
    }

    // ---- health: a normal restart is not an outage -------------------------------------------------

    /** A crashed server waits a minute before its supervisor restarts it. */
    private static final String[] SLOW_RESTARTS = { "genserver.supervisors.root.backoff.initial=60s",
            "genserver.supervisors.root.backoff.max=60s", "genserver.supervisors.root.backoff.jitter=0" };

    @Test
    void healthStaysUpWhileAPermanentServerIsRestartedNormally() {
        runner.withPropertyValues(SLOW_RESTARTS).run(ctx -> {
            GenServersHealthIndicator health = ctx.getBean(GenServersHealthIndicator.class);
            SupervisionTreeReader reader = ctx.getBean(SupervisionTreeReader.class);
            assertThatThrownBy(() -> ctx.getBean(PingerApi.class).crash()).isInstanceOf(CallFailedException.class);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> reader.find("pinger").orElseThrow().status().equals("restarting"));
            Health up = health.health(true);
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) ((Map<String, Object>) up.getDetails()
                    .get("supervisors")).get("root");
            assertThat(root).containsEntry("status", "UP").containsEntry("running", 0)
                    .containsEntry("notRunning", java.util.List.of("pinger")).doesNotContainKey("gaveUp");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthIsDownOnceARestartLoopLastsLongerThanItsThreshold() {
        runner.withPropertyValues(SLOW_RESTARTS)
                .withPropertyValues("management.health.genservers.restart-loop-threshold=200ms").run(ctx -> {
                    GenServersHealthIndicator health = ctx.getBean(GenServersHealthIndicator.class);
                    assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
                    assertThatThrownBy(() -> ctx.getBean(PingerApi.class).crash())
                            .isInstanceOf(CallFailedException.class);
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> health.health(true).getStatus().equals(Status.DOWN));
                    Health down = health.health(true);
                    assertThat(down.getDetails()).containsKey("restartLoops")
                            .containsEntry("restartLoopThreshold", "PT0.2S");
                    assertThat((Map<Object, Object>) down.getDetails().get("restartLoops")).containsKey("pinger");
                });
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthSettingsAreUnderManagementHealthGenservers() {
        runner.withPropertyValues("management.health.genservers.mailbox-backlog-threshold=7",
                "management.health.genservers.backlog-status=degraded").run(ctx -> {
                    Health health = ctx.getBean(GenServersHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("mailboxBacklogThreshold", 7);
                    ServerRef pinger = ctx.getBean(SupervisionTreeReader.class).runtime().whereis("pinger")
                            .orElseThrow();
                    pinger.suspend(); // the casts below wait in its mailbox
                    for (int i = 0; i < 7; i++) {
                        pinger.cast("nudge");
                    }
                    Health backlog = ctx.getBean(GenServersHealthIndicator.class).health(true);
                    pinger.resume();
                    assertThat(backlog.getStatus()).isEqualTo(GenServersHealthIndicator.DEGRADED);
                    assertThat((Map<Object, Object>) backlog.getDetails().get("backlog")).containsEntry("pinger", 7L);
                });
    }

    // ---- endpoint ----------------------------------------------------------------------------------

    @Configuration(proxyBeanMethods = false)
    static class Sanitizing {
        @Bean
        SanitizingFunction pingsAreSecret() {
            return SanitizingFunction.sanitizeValue().ifKeyEquals("pings");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shownStateGoesThroughTheSanitizingFunctions() {
        runner.withUserConfiguration(Sanitizing.class)
                .withPropertyValues("management.endpoint.genservers.show-values=always").run(ctx -> {
                    ctx.getBean(PingerApi.class).ping();
                    WorkerDescriptor pinger = (WorkerDescriptor) ctx.getBean(GenServersEndpoint.class)
                            .genServer("pinger");
                    assertThat(pinger.state()).isInstanceOf(Map.class);
                    assertThat((Map<Object, Object>) pinger.state()).containsEntry("pings", "******");
                });
        runner.withPropertyValues("management.endpoint.genservers.show-values=always").run(ctx -> {
            ctx.getBean(PingerApi.class).ping();
            WorkerDescriptor pinger = (WorkerDescriptor) ctx.getBean(GenServersEndpoint.class).genServer("pinger");
            assertThat((Map<Object, Object>) pinger.state()).containsEntry("pings", 1);
        });
    }

    @Test
    void theEndpointAnswersWithTypedDescriptors() {
        runner.run(ctx -> {
            GenServersEndpoint endpoint = ctx.getBean(GenServersEndpoint.class);
            GenServersEndpoint.GenServersDescriptor all = endpoint.genServers();
            assertThat(all.running()).isTrue();
            assertThat(all.tree().children()).singleElement().isInstanceOf(WorkerDescriptor.class);
            assertThat(endpoint.genServer("root")).isInstanceOf(SupervisorDescriptor.class);
            assertThat(endpoint.genServer("genserver.supervisor.root")).isInstanceOf(SupervisorDescriptor.class);
            assertThat(endpoint.genServer("nothing")).isNull();
            assertThat(endpoint.genServerInstance("pinger", "k")).isNull();
        });
    }

    @Test
    void aServersDetailShowsItsLinksAndMonitorsByName() {
        runner.run(ctx -> {
            ProcessRuntime runtime = ctx.getBean(ProcessRuntime.class);
            ServerRef pinger = runtime.whereis("pinger").orElseThrow();
            GenServer<Object> watcher = context -> {
                context.link(pinger);
                context.monitor(pinger);
                return Init.ok(0);
            };
            runtime.start(() -> watcher, StartOptions.named("watcher"));
            GenServersEndpoint endpoint = ctx.getBean(GenServersEndpoint.class);

            RelationsDescriptor relations = ((WorkerDescriptor) endpoint.genServer("pinger")).relations();
            assertThat(relations.links()).containsExactly("watcher");
            assertThat(relations.monitoredBy()).containsExactly("watcher");
            assertThat(relations.monitors()).isEmpty();
            assertThat(relations.timers()).isEmpty();
            assertThat(endpoint.genServers().tree().children()).singleElement()
                    .satisfies(p -> assertThat(((WorkerDescriptor) p).relations()).isNull());
        });
    }

    @Test
    void aRestartThroughTheEndpointCountsInRestarts() {
        runner.withUserConfiguration(Metrics.class).run(ctx -> {
            GenServersEndpoint endpoint = ctx.getBean(GenServersEndpoint.class);
            MeterRegistry meters = ctx.getBean(MeterRegistry.class);
            assertThat(((WorkerDescriptor) endpoint.genServer("pinger")).restarts()).isZero();
            WorkerDescriptor restarted = (WorkerDescriptor) endpoint.operateGenServer("pinger", "restart");
            assertThat(restarted.status()).isEqualTo("running");
            assertThat(restarted.restarts()).isEqualTo(1);
            assertThat(meters.get("genserver.restarts").tag("server", "pinger").functionCounter().count())
                    .isEqualTo(1);
            assertThatThrownBy(() -> ctx.getBean(PingerApi.class).crash()).isInstanceOf(CallFailedException.class);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ((WorkerDescriptor) endpoint.genServer("pinger")).restarts() == 2);
        });
    }

    // ---- meters ------------------------------------------------------------------------------------

    @Test
    void everyMeterOfADeclaredServerExistsAtZeroBeforeAnythingHappens() {
        runner.withUserConfiguration(Metrics.class).run(ctx -> {
            assertThat(ctx.getBean(GenServerMeters.class)).isInstanceOf(MeterBinder.class);
            MeterRegistry meters = ctx.getBean(MeterRegistry.class);
            FunctionCounter crashes = meters.get("genserver.crashes").tag("server", "pinger").functionCounter();
            assertThat(crashes.count()).isZero();
            assertThat(meters.get("genserver.restarts").tag("server", "pinger").functionCounter().count()).isZero();
            assertThat(meters.get("genserver.dead.letters").tag("server", "pinger").functionCounter().count())
                    .isZero();
            assertThat(meters.get("genserver.restarts").tag("server", "genserver.supervisor.root")
                    .functionCounter().count()).isZero();
            for (String kind : new String[] { "call", "cast", "info" }) {
                assertThat(meters.get("genserver.messages").tags("server", "pinger", "kind", kind).counter().count())
                        .isZero();
                assertThat(meters.get("genserver.mailbox.wait").tags("server", "pinger", "kind", kind).timer()
                        .count()).isZero();
            }
            assertThat(meters.get("genserver.call").tags("server", "pinger", "outcome", "replied").timer().count())
                    .isZero();
            assertThat(meters.get("genserver.calls.skipped").tag("server", "pinger").counter().count()).isZero();
            Gauge mailbox = meters.get("genserver.mailbox.size").tag("server", "pinger").gauge();
            assertThat(mailbox.getId().getBaseUnit()).isEqualTo("messages");
            assertThat(meters.get("genserver.servers.live").tag("server", "pinger").gauge().getId().getBaseUnit())
                    .isEqualTo("processes");

            assertThatThrownBy(() -> ctx.getBean(PingerApi.class).crash()).isInstanceOf(CallFailedException.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> crashes.count() == 1);
        });
    }
}
