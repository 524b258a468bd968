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
import dev.genserver.supervisor.TestKit.Ping;
import dev.genserver.supervisor.TestKit.StopWith;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * contract §9: every restart type against every kind of exit (normal, shutdown, shutdown(detail),
 * abnormal) under every strategy.
 */
@Timeout(60)
class RestartTypeTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();
    private final Family family = new Family();

    @AfterEach
    void close() {
        runtime.close();
    }

    enum Exit {
        NORMAL(ExitReason.NORMAL), SHUTDOWN(ExitReason.SHUTDOWN), SHUTDOWN_DETAIL(ExitReason.shutdown("detail")),
        CRASH(null), ERROR(ExitReason.error("bad"));

        final ExitReason reason;

        Exit(ExitReason reason) {
            this.reason = reason;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            for (RestartType type : RestartType.values()) {
                for (Exit exit : Exit.values()) {
                    boolean abnormal = exit == Exit.CRASH || exit == Exit.ERROR;
                    boolean restarted = type == RestartType.PERMANENT || (type == RestartType.TRANSIENT && abnormal);
                    all.add(Arguments.of(strategy, type, exit, restarted));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} after {2}: restarted={3}")
    @MethodSource("cases")
    void restartTypeDecidesOnTheExitReason(Strategy strategy, RestartType type, Exit exit, boolean restarted) {
        // "x" is under test; "sib" is started after it, so every strategy but one-for-one restarts it with x.
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.of(strategy,
                List.of(family.worker("x", type), family.worker("sib")))
                .withIntensity(10, Duration.ofMinutes(1)));
        ServerRef x = runtime.whereis("x").orElseThrow();

        if (exit == Exit.CRASH) {
            assertThatThrownBy(() -> x.call(new Crash("test"))).isInstanceOf(CallFailedException.class);
        } else {
            assertThat(x.<String>call(new StopWith(exit.reason))).isEqualTo("stopping");
        }

        if (restarted) {
            await().until(() -> family.inits("x") == 2
                    && TestKit.info(sup, "x").map(i -> i.status() == ChildStatus.RUNNING).orElse(false));
            assertThat(TestKit.info(sup, "x").orElseThrow().ref()).isSameAs(x);
            assertThat(x.<String>call(new Ping())).isEqualTo("pong:x#2");
            int siblingInits = strategy == Strategy.ONE_FOR_ONE ? 1 : 2;
            await().until(() -> family.inits("sib") == siblingInits);
            assertThat(sup.countChildren()).isEqualTo(new ChildCounts(2, 2, 0, 2));
        } else {
            // The supervisor has decided once x is undefined (or forgotten, for a temporary child).
            await().until(() -> {
                Optional<ChildInfo> info = TestKit.info(sup, "x");
                return type == RestartType.TEMPORARY ? info.isEmpty()
                        : info.map(i -> i.status() == ChildStatus.UNDEFINED).orElse(false);
            });
            assertThat(family.inits("x")).isEqualTo(1);
            assertThat(family.inits("sib")).isEqualTo(1);
            assertThat(x.isAlive()).isFalse();
            assertThat(runtime.whereis("x")).isEmpty();
            assertThat(sup.countChildren().active()).isEqualTo(1);
        }
        assertThat(sup.ref().isAlive()).isTrue();
    }

    @Test
    void normalExitsAreExactlyNormalShutdownAndShutdownWithDetail() {
        assertThat(RestartType.TRANSIENT.restartsAfter(ExitReason.NORMAL)).isFalse();
        assertThat(RestartType.TRANSIENT.restartsAfter(ExitReason.SHUTDOWN)).isFalse();
        assertThat(RestartType.TRANSIENT.restartsAfter(ExitReason.shutdown(42))).isFalse();
        assertThat(RestartType.TRANSIENT.restartsAfter(ExitReason.KILLED)).isTrue();
        assertThat(RestartType.TRANSIENT.restartsAfter(ExitReason.error("x"))).isTrue();
        assertThat(RestartType.TRANSIENT.restartsAfter(ExitReason.crash(new RuntimeException()))).isTrue();
        assertThat(RestartType.PERMANENT.restartsAfter(ExitReason.NORMAL)).isTrue();
        assertThat(RestartType.TEMPORARY.restartsAfter(ExitReason.KILLED)).isFalse();
    }

    @Test
    void aKilledTransientChildIsRestarted() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("x", RestartType.TRANSIENT)));
        ServerRef x = runtime.whereis("x").orElseThrow();

        runtime.exit(x, ExitReason.KILL);

        assertThat(TestKit.awaitInstance(runtime, family, "x", 2)).isSameAs(x);
        assertThat(x.info().lastCrash().reason()).isEqualTo(ExitReason.KILLED);
        assertThat(TestKit.info(sup, "x").orElseThrow().status()).isEqualTo(ChildStatus.RUNNING);
    }
}
