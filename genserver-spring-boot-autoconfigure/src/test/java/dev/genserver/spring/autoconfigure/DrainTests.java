package dev.genserver.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.fixtures.Gate;
import dev.genserver.spring.fixtures.GateApi;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The documented bound of a drain: drain and terminate share the server's shutdown timeout; a
 * message still being handled when it expires gets the server killed, without terminate, and the
 * calls still queued are answered at once.
 */
class DrainTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class));

    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void closeGate() {
        Gate.reset();
    }

    @AfterEach
    void openGate() {
        Gate.latch.countDown();
        callers.close();
    }

    @Test
    void aDrainLongerThanTheShutdownTimeoutKillsTheServerAndAnswersTheQueuedCallsAtOnce() {
        runner.withUserConfiguration(Gate.class)
                .withPropertyValues("genserver.shutdown.drain=true", "genserver.shutdown.timeout=300ms").run(ctx -> {
                    GateApi gate = ctx.getBean(GateApi.class);
                    ServerRef ref = ctx.getBean(GenServers.class).ref("gate");
                    gate.block(); // handled until the gate opens, which it does not while the context closes
                    gate.note("a");
                    CompletableFuture<String> queued = CompletableFuture.supplyAsync(gate::slow, callers);
                    await().atMost(Duration.ofSeconds(10)).until(() -> ref.info().mailboxLength() == 2);

                    ctx.close();

                    assertThat(ref.isAlive()).isFalse();
                    assertThat(Gate.HANDLED).doesNotContain("a", "terminate");
                    assertThat(queued).failsWithin(Duration.ofSeconds(5));
                    assertThatThrownBy(queued::join).cause().isInstanceOf(ServerStoppedException.class)
                            .hasMessageContaining("server gate stopped").hasMessageContaining("GateApi.slow()");
                });
    }
}
