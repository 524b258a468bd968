package dev.genserver.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.MailboxFullException;
import dev.genserver.process.MailboxOptions;
import dev.genserver.process.OverflowPolicy;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.Ticker;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.app.Cart;
import dev.genserver.spring.app.CartApi;
import dev.genserver.spring.app.Events;
import dev.genserver.spring.fixtures.Counter;
import dev.genserver.spring.fixtures.CounterApi;
import dev.genserver.spring.fixtures.Gate;
import dev.genserver.spring.fixtures.GateApi;
import dev.genserver.spring.support.SupervisionTree;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Customizer beans of the runtime, of each server's start options and of each supervisor's spec. */
class CustomizerTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class));

    static final Ticker FIRST = () -> 1;
    static final Ticker SECOND = () -> 2;

    @Configuration(proxyBeanMethods = false)
    static class RuntimeCustomizers {
        static final List<String> CALLS = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        ProcessRuntimeCustomizer second() {
            return builder -> {
                CALLS.add("second");
                builder.ticker(SECOND);
            };
        }

        @Bean
        @Order(1)
        ProcessRuntimeCustomizer first() {
            return builder -> {
                CALLS.add("first");
                builder.ticker(FIRST);
            };
        }
    }

    @AfterEach
    void openGate() {
        Gate.latch.countDown();
    }

    @Test
    void runtimeCustomizersApplyInOrderToTheBuilder() {
        RuntimeCustomizers.CALLS.clear();
        runner.withUserConfiguration(RuntimeCustomizers.class, Counter.class).run(ctx -> {
            assertThat(RuntimeCustomizers.CALLS).containsExactly("first", "second");
            assertThat(ctx.getBean(ProcessRuntime.class).ticker()).isSameAs(SECOND);
        });
    }

    @Test
    void startOptionsCustomizersApplyToEachServerAndEachKeyedInstance() {
        Gate.reset();
        List<String> seen = new CopyOnWriteArrayList<>();
        runner.withUserConfiguration(Gate.class, Cart.class, Events.class)
                .withBean(GenServerStartOptionsCustomizer.class, () -> (server, options) -> {
                    seen.add(server);
                    return server.equals("gate") ? options.withMailbox(MailboxOptions.bounded(1, OverflowPolicy.REJECT))
                            : options;
                })
                .run(ctx -> {
                    GateApi gate = ctx.getBean(GateApi.class);
                    ServerRef ref = ctx.getBean(GenServers.class).ref("gate");
                    ref.suspend();
                    gate.note("first");
                    assertThatThrownBy(() -> gate.note("second")).isInstanceOf(MailboxFullException.class);
                    ref.resume();
                    await().atMost(Duration.ofSeconds(10)).until(() -> Gate.HANDLED.contains("first"));

                    @SuppressWarnings("unchecked")
                    KeyedServers<CartApi> carts = ctx.getBean(KeyedServers.class);
                    assertThat(seen).contains("gate").doesNotContain("cart");
                    carts.get("ann").add("book");
                    assertThat(carts.get("ann").items()).containsExactly("book");
                    assertThat(seen).contains("cart");
                });
    }

    @Test
    void supervisorSpecCustomizersApplyInOrderToEverySupervisor() {
        List<String> seen = new CopyOnWriteArrayList<>();
        runner.withUserConfiguration(Counter.class)
                .withPropertyValues("genserver.on-give-up=keep-running", "genserver.supervisors.inner.servers=counter")
                .withBean("second", SupervisorSpecCustomizer.class, () -> (name, spec) -> {
                    seen.add("second:" + name + ":" + spec.maxRestarts());
                    return spec;
                })
                .withBean("first", SupervisorSpecCustomizer.class, () -> (name, spec) -> {
                    seen.add("first:" + name);
                    return spec.withIntensity(0, spec.period());
                }, bd -> bd.setAttribute("order", 0))
                .run(ctx -> {
                    assertThat(seen).contains("first:inner", "first:root");
                    // the one without an order runs last and sees the first one's change
                    assertThat(seen).contains("second:inner:0", "second:root:0");
                    assertThat(seen.indexOf("second:root:0")).isGreaterThan(seen.indexOf("first:root"));

                    SupervisionTree tree = ctx.getBean(SupervisionTree.class);
                    assertThatThrownBy(ctx.getBean(CounterApi.class)::crash).isInstanceOf(CallFailedException.class);
                    await().atMost(Duration.ofSeconds(20)).until(() -> tree.gaveUp().isPresent());
                    assertThat(tree.gaveUp().get().maxRestarts()).isZero();
                });
    }

    @Test
    void instanceDecoratorsWrapEveryFreshInstanceInOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        runner.withUserConfiguration(Counter.class)
                .withBean("outer", GenServerInstanceDecorator.class, () -> (instance, server) -> {
                    seen.add("outer:" + instance.name());
                    return server;
                }, bd -> bd.setAttribute("order", 2))
                .withBean("inner", GenServerInstanceDecorator.class, () -> (instance, server) -> {
                    seen.add("inner:" + instance.name() + ":" + instance.serverClass().getSimpleName()
                            + ":" + (instance.bean() instanceof Counter));
                    return new dev.genserver.process.GenServer<Object>() {
                        @Override
                        public dev.genserver.process.Init<Object> init(dev.genserver.process.ServerContext ctx) {
                            return server.init(ctx);
                        }

                        @Override
                        public dev.genserver.process.Result<Object> handleCall(Object request,
                                dev.genserver.process.ReplyTo from, Object state) {
                            seen.add("call");
                            return server.handleCall(request, from, state);
                        }

                        @Override
                        public dev.genserver.process.Result<Object> handleCast(Object message, Object state) {
                            return server.handleCast(message, state);
                        }
                    };
                }, bd -> bd.setAttribute("order", 1))
                .run(ctx -> {
                    CounterApi counter = ctx.getBean(CounterApi.class);
                    counter.increment(2);
                    assertThat(counter.value()).isEqualTo(2);
                    assertThat(seen).startsWith("inner:counter:Counter:true", "outer:counter").contains("call");
                    Object state = ctx.getBean(GenServers.class).ref("counter").getState();
                    assertThat(state).isInstanceOf(Counter.class);
                });
    }
}
