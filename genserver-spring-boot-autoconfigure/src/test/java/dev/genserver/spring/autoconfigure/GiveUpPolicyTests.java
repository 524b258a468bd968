package dev.genserver.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.app.Cart;
import dev.genserver.spring.app.CartApi;
import dev.genserver.spring.app.Events;
import dev.genserver.spring.fixtures.Counter;
import dev.genserver.spring.fixtures.CounterApi;
import dev.genserver.spring.support.SupervisionTree;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** What happens when the root supervisor gives up: genserver.on-give-up, and what callers see. */
@ExtendWith(OutputCaptureExtension.class)
class GiveUpPolicyTests {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({GenServerRuntimeAutoConfiguration.class, GenServerAutoConfiguration.class,
            GenServerKeyedAutoConfiguration.class})
    @Import(Counter.class)
    static class CounterApplication {
    }

    @Test
    void byDefaultTheApplicationIsClosedAndExitsWithANonZeroStatus(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CounterApplication.class)
                .web(WebApplicationType.NONE).registerShutdownHook(false)
                .properties("genserver.supervisors.root.max-restarts=0").run();
        try {
            CompletableFuture<Integer> status = new CompletableFuture<>();
            ctx.getBean(GiveUpPolicy.class).exitWith(status::complete);

            assertThatThrownBy(() -> ctx.getBean(CounterApi.class).crash()).isInstanceOf(CallFailedException.class);

            assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(GiveUpPolicy.EXIT_CODE).isNotZero();
            assertThat(ctx.isActive()).as("closed before the exit").isFalse();
            assertThat(output).contains("GenServer supervision tree stopped: supervisor root gave up at ")
                    .contains("after more than 0 restarts in 5s (last crash: counter exited with crash(")
                    .contains("genserver.on-give-up=shutdown: closing the application and exiting with status 1");
        } finally {
            ctx.close();
        }
    }

    @Test
    void keepRunningLeavesTheApplicationUpAndEveryCallerIsToldWhy(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                        GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class))
                .withUserConfiguration(Counter.class, Cart.class, Events.class)
                .withPropertyValues("genserver.supervisors.root.max-restarts=0", "genserver.on-give-up=keep-running")
                .run(ctx -> {
                    AtomicInteger exits = new AtomicInteger();
                    ctx.getBean(GiveUpPolicy.class).exitWith(code -> exits.incrementAndGet());
                    SupervisionTree tree = ctx.getBean(SupervisionTree.class);
                    ProcessRuntime runtime = ctx.getBean(ProcessRuntime.class);
                    CounterApi counter = ctx.getBean(CounterApi.class);
                    GenServers servers = ctx.getBean(GenServers.class);
                    @SuppressWarnings("unchecked")
                    KeyedServers<CartApi> carts = ctx.getBean(KeyedServers.class);
                    carts.get("ann").add("book");
                    assertThat(tree.gaveUp()).isEmpty();

                    assertThatThrownBy(counter::crash).isInstanceOf(CallFailedException.class);
                    await().atMost(Duration.ofSeconds(20)).until(() -> tree.gaveUp().isPresent());

                    String why = "it is not running: its supervisor root gave up at " + tree.gaveUp().get().at()
                            + " after more than 0 restarts in 5s (last crash: counter exited with crash(";
                    assertThatThrownBy(counter::value).isInstanceOf(NoProcessException.class)
                            .hasMessageStartingWith("no process counter to handle CounterApi.value(); " + why)
                            .hasMessageContaining("nothing restarts it until the application restarts")
                            .hasMessageNotContaining("never started");
                    assertThatThrownBy(() -> servers.call("counter", new Counter.Get()))
                            .isInstanceOf(NoProcessException.class).hasMessageContaining(why);
                    assertThat(servers.callAsync("counter", new Counter.Get())).failsWithin(Duration.ofSeconds(5))
                            .withThrowableThat().withMessageContaining(why);
                    assertThatThrownBy(() -> carts.get("ann").items()).isInstanceOf(NoProcessException.class)
                            .hasMessageContaining("no process cart[ann] to handle CartApi.items(); it is not running: "
                                    + "its supervisor keyed.cart was stopped when supervisor root gave up at");

                    long before = runtime.deadLetters();
                    counter.increment(1);
                    counter.increment(2);
                    servers.cast("counter", new Counter.Reset());
                    servers.send("counter", "tick");
                    assertThat(runtime.deadLetters() - before).isEqualTo(4);
                    assertThat(output.getAll().split("dead letter: CounterApi.increment\\(int\\) to server counter, "
                            + "which is not running since supervisor root gave up at", -1)).hasSize(2);
                    assertThat(output).doesNotContain("dead letter: " + Counter.Reset.class.getName());
                    carts.get("bob").add("pen"); // a keyed cast never throws, not even now
                    assertThat(output).contains("dead letter: CartApi.add(String) to server cart[bob]");

                    assertThat(ctx.getSourceApplicationContext().isActive()).isTrue();
                    assertThat(output).contains("genserver.on-give-up=keep-running: the application keeps running");
                    assertThat(exits).hasValue(0);
                });
    }
}
