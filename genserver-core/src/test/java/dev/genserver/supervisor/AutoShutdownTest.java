package dev.genserver.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.genserver.supervisor.TestKit.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.supervisor.TestKit.Crash;
import dev.genserver.supervisor.TestKit.Family;
import dev.genserver.supervisor.TestKit.StopWith;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** contract §9: auto shutdown on significant children. */
@Timeout(60)
class AutoShutdownTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();
    private final Family family = new Family();

    @AfterEach
    void close() {
        runtime.close();
    }

    private Supervisor start(AutoShutdown auto, ChildSpec... children) {
        return Supervisor.start(runtime, SupervisorSpec.oneForOne(children).withAutoShutdown(auto)
                .withIntensity(10, Duration.ofMinutes(1)));
    }

    private void stopNormally(String name) {
        ServerRef ref = runtime.whereis(name).orElseThrow();
        assertThat(ref.<String>call(new StopWith(ExitReason.NORMAL))).isEqualTo("stopping");
    }

    @Test
    void anySignificantShutsDownWhenOneSignificantChildEnds() {
        Supervisor sup = start(AutoShutdown.ANY_SIGNIFICANT, family.worker("a"),
                family.worker("job", RestartType.TRANSIENT).asSignificant(),
                family.worker("job2", RestartType.TRANSIENT).asSignificant());
        CompletableFuture<ExitReason> exit = sup.ref().onExit();

        stopNormally("job");

        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(family.events.all()).endsWith("terminate:job2:shutdown", "terminate:a:shutdown");
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void allSignificantShutsDownWhenTheLastSignificantChildEnds() {
        Supervisor sup = start(AutoShutdown.ALL_SIGNIFICANT, family.worker("a"),
                family.worker("j1", RestartType.TRANSIENT).asSignificant(),
                family.worker("j2", RestartType.TEMPORARY).asSignificant());
        CompletableFuture<ExitReason> exit = sup.ref().onExit();

        stopNormally("j1");
        await().until(() -> TestKit.info(sup, "j1").orElseThrow().status() == ChildStatus.UNDEFINED);
        assertThat(sup.ref().isAlive()).isTrue();

        ServerRef j2 = runtime.whereis("j2").orElseThrow();
        assertThatThrownBy(() -> j2.call(new Crash("done"))).isInstanceOf(CallFailedException.class);

        assertThat(exit.join()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void aSignificantChildThatIsRestartedDoesNotShutDown() {
        Supervisor sup = start(AutoShutdown.ANY_SIGNIFICANT,
                family.worker("job", RestartType.TRANSIENT).asSignificant());
        ServerRef job = runtime.whereis("job").orElseThrow();

        assertThatThrownBy(() -> job.call(new Crash("abnormal"))).isInstanceOf(CallFailedException.class);

        TestKit.awaitInstance(runtime, family, "job", 2);
        assertThat(sup.ref().isAlive()).isTrue();
    }

    @Test
    void terminatingASignificantChildDoesNotShutDown() {
        Supervisor sup = start(AutoShutdown.ANY_SIGNIFICANT,
                family.worker("job", RestartType.TRANSIENT).asSignificant());

        sup.terminateChild("job");

        assertThat(sup.ref().isAlive()).isTrue();
        assertThat(sup.whichChildren()).hasSize(1);
    }

    @Test
    void aNonSignificantChildEndingDoesNotShutDown() {
        Supervisor sup = start(AutoShutdown.ANY_SIGNIFICANT, family.worker("t", RestartType.TRANSIENT),
                family.worker("job", RestartType.TRANSIENT).asSignificant());

        stopNormally("t");

        await().until(() -> TestKit.info(sup, "t").orElseThrow().status() == ChildStatus.UNDEFINED);
        assertThat(sup.ref().isAlive()).isTrue();
    }
}
