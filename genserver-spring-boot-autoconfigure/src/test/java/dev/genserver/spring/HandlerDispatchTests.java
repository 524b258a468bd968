package dev.genserver.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.NoHandlerException;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.fixtures.Machine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Message-style handlers: dispatch by type, context, deferred replies, stop, continue, info. */
class HandlerDispatchTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class))
            .withUserConfiguration(Machine.class);

    @Test
    void initContinueAndTheMostSpecificHandlerWins() {
        runner.run(ctx -> {
            GenServers servers = ctx.getBean(GenServers.class);
            assertThat((String) servers.call("machine", new Machine.Start())).isEqualTo("command");
            assertThat((String) servers.call("machine", new Machine.Describe())).isEqualTo("describe");
            List<String> log = servers.call("machine", new Machine.Log());
            assertThat(log).containsExactly("init:machine", "warm", "Start");
        });
    }

    @Test
    void deferredAndFutureReplies() {
        runner.run(ctx -> {
            GenServers servers = ctx.getBean(GenServers.class);
            assertThat((String) servers.call("machine", new Machine.Later("a"))).isEqualTo("a");
            assertThat((String) servers.call("machine", new Machine.Future("b"))).isEqualTo("b");
            assertThat(servers.<String>callAsync("machine", new Machine.Future("c")).join()).isEqualTo("c");
        });
    }

    @Test
    void declaredExceptionsGoBackToTheCallerAndTheServerKeepsRunning() {
        runner.run(ctx -> {
            GenServers servers = ctx.getBean(GenServers.class);
            long restarts = servers.ref("machine").info().restarts();
            assertThatThrownBy(() -> servers.call("machine", new Machine.Refuse()))
                    .isInstanceOf(ReplyException.class).hasCauseInstanceOf(Machine.Refused.class)
                    .hasMessageContaining("machine");
            assertThat(servers.ref("machine").info().restarts()).isEqualTo(restarts);
        });
    }

    @Test
    void noHandlerNamesTheServerClassAndTheServerKeepsRunning() {
        runner.run(ctx -> {
            GenServers servers = ctx.getBean(GenServers.class);
            assertThatThrownBy(() -> servers.call("machine", 42L)).isInstanceOf(NoHandlerException.class)
                    .hasMessageContaining("machine").hasMessageContaining(Machine.class.getName())
                    .hasMessageContaining("java.lang.Long");
            servers.cast("machine", 42L); // no cast handler: a dead letter
            assertThat((String) servers.call("machine", new Machine.Start())).isEqualTo("command");
        });
    }

    @Test
    void castsInfosAndInactivityTimeouts() {
        runner.run(ctx -> {
            GenServers servers = ctx.getBean(GenServers.class);
            int timeouts = Machine.TIMEOUTS.get();
            servers.cast("machine", "hello");
            servers.send("machine", 7);
            servers.cast("machine", new Machine.Idle(10));
            // polled without messaging the server: any message would cancel the inactivity timeout
            await().atMost(Duration.ofSeconds(10)).until(() -> Machine.TIMEOUTS.get() > timeouts);
            servers.sync("machine", Duration.ofSeconds(10));
            assertThat(servers.<List<String>>call("machine", new Machine.Log()))
                    .containsSubsequence("hello", "info:7", "timeout");
            assertThat(servers.ref("machine").getFormattedState()).get().asString().startsWith("machine with");
        });
    }

    @Test
    void stopWithReplyRunsTerminateAndATransientStopIsNotRestartedWhenNormal() {
        runner.run(ctx -> {
            GenServers servers = ctx.getBean(GenServers.class);
            ServerRef ref = servers.ref("machine");
            int before = Machine.TERMINATED.size();
            assertThat((String) servers.call("machine", new Machine.Quit())).isEqualTo("bye");
            // permanent: restarted even after a normal exit, with a fresh instance
            await().atMost(Duration.ofSeconds(10)).until(() -> ref.info().restarts() == 1 && ref.isAlive());
            assertThat(Machine.TERMINATED.subList(before, Machine.TERMINATED.size())).containsExactly("normal");
            assertThat(servers.<List<String>>call("machine", new Machine.Log())).containsExactly("init:machine",
                    "warm");
        });
    }

    @Test
    void castsAndSendsToAMissingServerAreDeadLettersButCallsFail() {
        runner.run(ctx -> {
            GenServers servers = ctx.getBean(GenServers.class);
            servers.cast("nobody", "x");
            servers.send("nobody", "x");
            assertThatThrownBy(() -> servers.call("nobody", "x")).isInstanceOf(NoProcessException.class);
        });
    }
}
