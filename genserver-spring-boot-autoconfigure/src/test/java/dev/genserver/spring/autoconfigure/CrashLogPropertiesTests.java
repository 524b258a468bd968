package dev.genserver.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.spring.annotation.Call;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Redact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** genserver.crash-logs.*: crash reports show no state unless configured, and then never a @Redact field. */
@ExtendWith(OutputCaptureExtension.class)
class CrashLogPropertiesTests {

    /** The client of {@link Vault}. */
    public interface VaultApi {

        void deposit(int amount);

        @Call
        void crash();
    }

    /** A server with a secret in its state. */
    @GenServer("vault")
    public static class Vault implements VaultApi {

        private int balance;

        @Redact
        private String pin = "pin-4711";

        @Override
        public void deposit(int amount) {
            balance += amount;
        }

        @Override
        public void crash() {
            throw new IllegalStateException("vault crashed on purpose");
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class))
            .withUserConfiguration(Vault.class).withPropertyValues("genserver.on-give-up=keep-running");

    @Test
    void byDefaultACrashReportShowsNoState(CapturedOutput output) {
        runner.run(ctx -> {
            VaultApi vault = ctx.getBean(VaultApi.class);
            vault.deposit(500500);
            assertThatThrownBy(vault::crash).isInstanceOf(CallFailedException.class);
            await().until(() -> output.getAll().contains("server vault (" + Vault.class.getName() + ") exited"));
            assertThat(output.getAll()).doesNotContain("500500").doesNotContain("pin-4711");
        });
    }

    @Test
    void showStateLogsTheRedactedState(CapturedOutput output) {
        runner.withPropertyValues("genserver.crash-logs.show-state=true").run(ctx -> {
            VaultApi vault = ctx.getBean(VaultApi.class);
            vault.deposit(500500);
            assertThatThrownBy(vault::crash).isInstanceOf(CallFailedException.class);
            await().until(() -> output.getAll().contains("balance=500500"));
            assertThat(output.getAll()).doesNotContain("pin-4711");
        });
    }

    @Test
    void aCrashLoopIsSummarisedAfterTheConfiguredLimit(CapturedOutput output) {
        runner.withPropertyValues("genserver.crash-logs.limit=1", "genserver.crash-logs.interval=1h",
                "genserver.supervisors.root.max-restarts=100").run(ctx -> {
                    VaultApi vault = ctx.getBean(VaultApi.class);
                    for (int i = 0; i < 3; i++) {
                        assertThatThrownBy(vault::crash).isInstanceOf(CallFailedException.class);
                    }
                    await().until(() -> output.getAll().contains("server vault (" + Vault.class.getName() + ") exited"));
                    ctx.close(); // the count of the crashes held back is written when the server ends for good
                    await().until(() -> output.getAll().contains("crashed 2 more times within 3600 s"));
                    assertThat(output.getAll().split("server vault \\(" + Vault.class.getName().replace("$", "\\$")
                            + "\\) exited", -1)).hasSize(2);
                });
    }

    @Test
    void aLimitBelowOneFailsTheStartupNamingTheProperty() {
        runner.withPropertyValues("genserver.crash-logs.limit=0").run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("'limit' must be 1 or more"));
    }
}
