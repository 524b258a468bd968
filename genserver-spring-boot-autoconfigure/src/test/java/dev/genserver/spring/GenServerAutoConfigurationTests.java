package dev.genserver.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallTimeoutException;
import dev.genserver.process.MailboxFullException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.spring.app.Cart;
import dev.genserver.spring.app.CartApi;
import dev.genserver.spring.app.Events;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerProperties;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.fixtures.Counter;
import dev.genserver.spring.fixtures.CounterApi;
import dev.genserver.spring.fixtures.Gate;
import dev.genserver.spring.fixtures.GateApi;
import dev.genserver.spring.fixtures.Machine;
import dev.genserver.spring.fixtures.SlowStart;
import dev.genserver.spring.support.GenServerClients;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.ServerSpecs;
import dev.genserver.supervisor.ChildSpec;
import dev.genserver.spring.support.SupervisionTree;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** Every condition and property of the auto-configuration. */
class GenServerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class));

    @BeforeEach
    void resetGate() {
        Gate.reset();
    }

    @AfterAll
    static void openLatches() {
        SlowStart.LATCH.countDown();
        Gate.latch.countDown();
    }

    @Test
    void providesTheRuntimeTheTreeTheProxiesAndTheByNameApi() {
        runner.withUserConfiguration(Counter.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(ProcessRuntime.class).hasSingleBean(GenServers.class)
                    .hasSingleBean(SupervisionTree.class).hasSingleBean(KeyedServerManager.class)
                    .hasSingleBean(ServerDefinitions.class).hasSingleBean(GenServerClients.class)
                    .hasSingleBean(GenServerProperties.class);
            assertThat(Proxy.isProxyClass(ctx.getBean(CounterApi.class).getClass())).isTrue();
            assertThat(ctx.getBean(SupervisionTree.class).isRunning()).isTrue();
            assertThat(ctx.getBean(ProcessRuntime.class).whereis("counter")).isPresent();
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withUserConfiguration(Counter.class).withPropertyValues("genserver.enabled=false").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(ProcessRuntime.class).doesNotHaveBean(GenServers.class)
                    .doesNotHaveBean(SupervisionTree.class).doesNotHaveBean(KeyedServerManager.class);
            // a plain bean again: no process, no proxy
            assertThat(ctx.getBean(CounterApi.class)).isInstanceOf(Counter.class);
        });
    }

    @Test
    void backsOffWithoutTheCoreRuntime() {
        runner.withClassLoader(new FilteredClassLoader(ProcessRuntime.class)).run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(GenServers.class).doesNotHaveBean(SupervisionTree.class)
                    .doesNotHaveBean(KeyedServerManager.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRuntime {
        static final ProcessRuntime RUNTIME = ProcessRuntime.create();

        @Bean
        ProcessRuntime myRuntime() {
            return RUNTIME;
        }

        @Bean
        GenServers myGenServers(ProcessRuntime runtime, GenServerClients clients, SupervisionTree tree,
                                ServerDefinitions definitions) {
            return new GenServers(runtime, clients, tree, definitions);
        }
    }

    @Test
    void usesTheApplicationsOwnBeans() {
        runner.withUserConfiguration(OwnRuntime.class, Counter.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(ProcessRuntime.class).hasBean("myRuntime").hasBean("myGenServers")
                    .doesNotHaveBean("genServers");
            assertThat(OwnRuntime.RUNTIME.whereis("counter")).isPresent();
        });
    }

    @Component
    static class WantsTheRawServer {
        WantsTheRawServer(Counter counter) {
        }
    }

    @Test
    void theServerInstanceItselfIsNeverInjected() {
        runner.withUserConfiguration(Counter.class, WantsTheRawServer.class).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).isInstanceOf(UnsatisfiedDependencyException.class)
                    .hasMessageContaining(Counter.class.getName());
        });
    }

    @dev.genserver.spring.annotation.GenServer("otherCounter")
    static class OtherCounter extends Counter {
    }

    @Component
    static class UsesBothCounters {
        final CounterApi counter;
        final CounterApi other;

        UsesBothCounters(@org.springframework.beans.factory.annotation.Qualifier("counter") CounterApi counter,
                         @org.springframework.beans.factory.annotation.Qualifier("otherCounter") CounterApi other) {
            this.counter = counter;
            this.other = other;
        }
    }

    @Test
    void twoServersOfOneInterfaceAreToldApartByTheirNames() {
        runner.withUserConfiguration(Counter.class, OtherCounter.class, UsesBothCounters.class).run(ctx -> {
            UsesBothCounters both = ctx.getBean(UsesBothCounters.class);
            both.counter.increment(1);
            both.other.increment(5);
            assertThat(both.counter.value()).isEqualTo(1);
            assertThat(both.other.value()).isEqualTo(5);
        });
    }

    @Test
    void callTimeoutProperty() {
        runner.withUserConfiguration(Gate.class).withPropertyValues("genserver.call-timeout=100ms").run(ctx -> {
            GateApi gate = ctx.getBean(GateApi.class);
            assertThatThrownBy(gate::slow).isInstanceOf(CallTimeoutException.class)
                    .hasMessageContaining("GateApi.slow()").hasMessageContaining("gate");
            Gate.latch.countDown();
        });
    }

    @Test
    void annotationCallTimeoutWinsOverTheProperty() {
        runner.withUserConfiguration(Machine.class).withPropertyValues("genserver.call-timeout=1ms").run(ctx -> {
            assertThat(ctx.getBean(GenServers.class).ref("machine").info()).isNotNull();
            assertThat(ctx.getBean(ServerSpecs.class)
                    .callTimeout(ctx.getBean(ServerDefinitions.class).byName("machine").orElseThrow()))
                    .isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void mailboxCapacityAndOverflowProperties() {
        runner.withUserConfiguration(Gate.class)
                .withPropertyValues("genserver.mailbox.capacity=1", "genserver.mailbox.overflow=reject").run(ctx -> {
                    GateApi gate = ctx.getBean(GateApi.class);
                    ServerRef ref = ctx.getBean(GenServers.class).ref("gate");
                    ref.suspend();
                    gate.note("first");
                    assertThatThrownBy(() -> gate.note("second")).isInstanceOf(MailboxFullException.class);
                    ref.resume();
                    await().atMost(Duration.ofSeconds(10)).until(() -> Gate.HANDLED.contains("first"));
                });
    }

    @Test
    void drainOnShutdownHandlesQueuedMessagesBeforeTerminate() {
        runner.withUserConfiguration(Gate.class).withPropertyValues("genserver.shutdown.drain=true").run(ctx -> {
            GateApi gate = ctx.getBean(GateApi.class);
            gate.block();
            gate.note("a");
            gate.note("b");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(ctx::close);
            Gate.latch.countDown();
            closing.join();
            assertThat(Gate.HANDLED).containsExactly("a", "b", "terminate");
        });
    }

    @Test
    void drainPropertyReachesTheStartOptions() {
        runner.withUserConfiguration(Gate.class).withPropertyValues("genserver.shutdown.drain=true").run(ctx -> {
            ServerSpecs specs = ctx.getBean(ServerSpecs.class);
            ServerDefinitions defs = ctx.getBean(ServerDefinitions.class);
            assertThat(specs.startOptions(defs.byName("gate").orElseThrow()).drainOnStop()).isTrue();
        });
        runner.withUserConfiguration(Gate.class).run(ctx -> assertThat(ctx.getBean(ServerSpecs.class)
                .startOptions(ctx.getBean(ServerDefinitions.class).byName("gate").orElseThrow()).drainOnStop())
                .isFalse());
    }

    @Test
    void aServerThatDoesNotStopWithinItsShutdownTimeoutIsKilled() {
        runner.withUserConfiguration(Gate.class).withPropertyValues("genserver.shutdown.timeout=100ms").run(ctx -> {
            GateApi gate = ctx.getBean(GateApi.class);
            gate.block(); // never released while the context closes
            assertThat(Gate.entered.await(10, TimeUnit.SECONDS)).as("block() is running").isTrue();
            gate.note("a");
            ctx.close();
            assertThat(Gate.HANDLED).doesNotContain("a", "terminate");
        });
    }

    @Test
    void supervisorsFromPropertiesWithStrategyAndMembers() {
        runner.withUserConfiguration(Counter.class, Machine.class)
                .withPropertyValues("genserver.supervisors.pair.strategy=one-for-all",
                        "genserver.supervisors.pair.servers=machine,counter")
                .run(ctx -> {
                    GenServers servers = ctx.getBean(GenServers.class);
                    GenServers.TreeNode root = servers.tree().orElseThrow();
                    GenServers.TreeNode pair = root.children().getFirst();
                    assertThat(pair.name()).isEqualTo("pair");
                    assertThat(pair.strategy()).isEqualTo(dev.genserver.supervisor.Strategy.ONE_FOR_ALL);
                    assertThat(pair.children()).extracting(GenServers.TreeNode::name)
                            .containsExactly("machine", "counter");
                    ServerRef machine = servers.ref("machine");
                    assertThatThrownBy(() -> ctx.getBean(CounterApi.class).crash()).isInstanceOf(RuntimeException.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> machine.info().restarts() == 1
                            && machine.info().status() == ServerStatus.RUNNING);
                });
    }

    @Test
    void restartIntensityProperty() {
        runner.withUserConfiguration(Counter.class).withPropertyValues("genserver.supervisors.root.max-restarts=0",
                        "genserver.on-give-up=keep-running")
                .run(ctx -> {
                    GenServers servers = ctx.getBean(GenServers.class);
                    assertThatThrownBy(() -> ctx.getBean(CounterApi.class).crash())
                            .isInstanceOf(RuntimeException.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> servers.whereis("counter").isEmpty());
                    assertThat(servers.tree()).isEmpty(); // the root supervisor has exited
                    assertThat(servers.whereis("genserver.supervisor.root")).isEmpty();
                });
    }

    @Test
    void restartBackoffProperty() {
        runner.withUserConfiguration(Counter.class)
                .withPropertyValues("genserver.supervisors.root.backoff.initial=50ms").run(ctx -> {
                    GenServers servers = ctx.getBean(GenServers.class);
                    assertThatThrownBy(() -> ctx.getBean(CounterApi.class).crash())
                            .isInstanceOf(RuntimeException.class);
                    ServerRef ref = servers.ref("counter");
                    await().atMost(Duration.ofSeconds(10)).until(() -> ref.info().restarts() == 1
                            && ref.info().status() == ServerStatus.RUNNING);
                    assertThat(ctx.getBean(CounterApi.class).value()).isZero();
                });
    }

    @Test
    void unknownServerInSupervisorPropertiesFailsTheStartup() {
        runner.withUserConfiguration(Counter.class).withPropertyValues("genserver.supervisors.x.servers=nope")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .hasStackTraceContaining("Property genserver.supervisors.x.servers with value 'nope' is invalid")
                        .hasStackTraceContaining("servers that can be placed: [counter]"));
    }

    @Test
    void startTimeoutProperty() {
        runner.withUserConfiguration(SlowStart.class).withPropertyValues("genserver.start-timeout=100ms")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .hasStackTraceContaining("failed to start child (slowStart, killed)"));
    }

    @Test
    void keyedProperties() {
        runner.withUserConfiguration(Cart.class, Events.class)
                .withPropertyValues("genserver.keyed.cart.idle-timeout=0", "genserver.keyed.cart.max-instances=1")
                .run(ctx -> {
                    @SuppressWarnings("unchecked")
                    KeyedServers<CartApi> carts = ctx.getBean(KeyedServers.class);
                    carts.get("ann").add("x");
                    assertThat(carts.get("ann").items()).containsExactly("x");
                    assertThatThrownBy(() -> carts.get("bob").items())
                            .isInstanceOf(dev.genserver.supervisor.MaxChildrenException.class)
                            .hasMessageContaining("maximum of 1 children");
                    assertThat(carts.stop("ann")).isTrue();
                    assertThat(carts.get("bob").items()).isEmpty();
                });
    }

    @Test
    void keyedInstancesShareTheirSpecsPartsAndAreNamedAndRegisteredByKey() {
        runner.withUserConfiguration(Cart.class, Events.class).run(ctx -> {
            @SuppressWarnings("unchecked")
            KeyedServers<CartApi> carts = ctx.getBean(KeyedServers.class);
            carts.get("ann").add("x");
            carts.get("bob").add("y");
            // the name[key] registration survives sharing the start options: the runtime finds both
            dev.genserver.process.ProcessRuntime runtime = ctx.getBean(dev.genserver.process.ProcessRuntime.class);
            assertThat(runtime.whereis("cart[ann]")).isPresent().get().isEqualTo(carts.whereis("ann").orElseThrow());
            assertThat(runtime.whereis("cart[bob]")).isPresent().get().isEqualTo(carts.whereis("bob").orElseThrow());
            assertThat(carts.whereis("ann").orElseThrow().displayName()).isEqualTo("cart[ann]");
            // what does not depend on the key is one object per keyed server, not one per instance
            ServerSpecs specs = ctx.getBean(ServerSpecs.class);
            dev.genserver.spring.support.ServerDefinition def = ctx.getBean(
                    dev.genserver.spring.support.ServerDefinitions.class).byName("cart").orElseThrow();
            ChildSpec ann = specs.keyedChildSpec(def, "ann");
            ChildSpec bob = specs.keyedChildSpec(def, "bob");
            assertThat(ann.id()).isEqualTo("cart[ann]");
            assertThat(ann.options()).isSameAs(bob.options());
            assertThat(ann.options().name()).isNull();
            assertThat(ann.shutdown()).isSameAs(bob.shutdown());
            assertThat(ann.args()).isEmpty();
            // stopping by key finds the instance by its name, and the key activates afresh
            assertThat(carts.stop("ann")).isTrue();
            assertThat(runtime.whereis("cart[ann]")).isEmpty();
            assertThat(carts.get("ann").items()).isEmpty();
            assertThat(runtime.whereis("cart[ann]")).isPresent();
        });
    }

    @Test
    void callsRacingWithPassivationAreSentAgainToAFreshInstance() {
        runner.withUserConfiguration(Cart.class, Events.class)
                .withPropertyValues("genserver.keyed.cart.idle-timeout=1ms").run(ctx -> {
                    @SuppressWarnings("unchecked")
                    KeyedServers<CartApi> carts = ctx.getBean(KeyedServers.class);
                    java.util.List<CompletableFuture<Void>> callers = new java.util.ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        int thread = t;
                        callers.add(CompletableFuture.runAsync(() -> {
                            for (int i = 0; i < 300; i++) {
                                assertThat(carts.get("user-" + ((i + thread) % 3)).items()).isNotNull();
                            }
                        }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
                    }
                    CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).join();
                    // Fast callers may keep every cart busy for the whole race; once idle, they passivate.
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                            assertThat(ctx.getBean(Events.class).all()).anyMatch(e -> e.contains("passivated")));
                });
    }

    @Test
    void configurationMetadataIsGenerated() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"genserver.enabled\"", "\"genserver.call-timeout\"",
                    "\"genserver.start-timeout\"", "\"genserver.shutdown.drain\"", "\"genserver.shutdown.timeout\"",
                    "\"genserver.mailbox.capacity\"", "\"genserver.mailbox.overflow\"", "\"genserver.supervisors\"",
                    "\"genserver.keyed\"");
        }
    }
}
