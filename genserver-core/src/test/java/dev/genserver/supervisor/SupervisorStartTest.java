package dev.genserver.supervisor;

import static dev.genserver.supervisor.TestKit.InitMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.StartOptions;
import dev.genserver.supervisor.TestKit.Family;
import dev.genserver.supervisor.TestKit.Ping;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** contract §9: start in order, rollback on a failed child, ignore, and child spec validation. */
@Timeout(60)
class SupervisorStartTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();
    private final Family family = new Family();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void startsChildrenInOrderAndStopsThemInReverse() {
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.oneForOne(family.worker("a"), family.worker("b"), family.worker("c")),
                StartOptions.named("sup"));

        assertThat(family.events.all()).containsExactly("init:a", "init:b", "init:c");
        assertThat(sup.whichChildren()).extracting(ChildInfo::id).containsExactly("a", "b", "c");
        assertThat(sup.whichChildren()).extracting(ChildInfo::status).containsOnly(ChildStatus.RUNNING);
        assertThat(runtime.whereis("b").orElseThrow().<String>call(new Ping())).isEqualTo("pong:b#1");
        assertThat(runtime.whereis("sup")).contains(sup.ref());

        sup.stop();

        assertThat(family.events.since(3)).containsExactly("terminate:c:shutdown", "terminate:b:shutdown",
                "terminate:a:shutdown");
        assertThat(runtime.whereis("a")).isEmpty();
        assertThat(runtime.whereis("sup")).isEmpty();
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void aChildThatFailsToStartStopsTheOnesStartedAndFailsTheStart() {
        family.behaviour("b").mode = InitMode.FAIL;

        assertThatThrownBy(() -> Supervisor.start(runtime,
                SupervisorSpec.oneForOne(family.worker("a"), family.worker("b"), family.worker("c")),
                StartOptions.named("sup")))
                .isInstanceOfSatisfying(ChildStartFailedException.class, e -> {
                    assertThat(e.childId()).isEqualTo("b");
                    assertThat(e.childReason()).isEqualTo(ExitReason.error("init of b failed"));
                    assertThat(e.reason()).isEqualTo(ExitReason.shutdown(
                            new FailedToStartChild("b", ExitReason.error("init of b failed"))));
                    assertThat(e.getMessage()).contains("supervisor sup",
                            "failed to start child (b, error(init of b failed))");
                });

        assertThat(family.events.all()).containsExactly("init:a", "init:b", "terminate:a:shutdown");
        assertThat(runtime.whereis("a")).isEmpty();
        assertThat(runtime.whereis("sup")).isEmpty();
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void aChildWhoseInitThrowsNamesTheExceptionAsCause() {
        family.behaviour("a").mode = InitMode.THROW;

        assertThatThrownBy(() -> Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("a"))))
                .isInstanceOf(ChildStartFailedException.class)
                .hasMessageContaining(
                        "failed to start child (a, crash(java.lang.IllegalStateException: init of a threw))")
                .hasRootCauseMessage("init of a threw");
    }

    @Test
    void aNestedStartFailureCarriesEveryLevel() {
        family.behaviour("w").mode = InitMode.FAIL;
        SupervisorSpec inner = SupervisorSpec.oneForOne(family.worker("w"));

        assertThatThrownBy(() -> Supervisor.start(runtime,
                SupervisorSpec.oneForOne(family.worker("a"), ChildSpec.supervisor("inner", inner))))
                .isInstanceOfSatisfying(ChildStartFailedException.class, e -> {
                    assertThat(e.childId()).isEqualTo("inner");
                    assertThat(e.childReason()).isEqualTo(ExitReason.shutdown(
                            new FailedToStartChild("w", ExitReason.error("init of w failed"))));
                });
        assertThat(family.events.all()).containsExactly("init:a", "init:w", "terminate:a:shutdown");
        assertThat(runtime.serverCount()).isZero();
    }

    @Test
    void aChildWhoseNameIsTakenFailsTheStart() {
        runtime.start(() -> new TestKit.Worker("x", family.events, new TestKit.Behaviour(), List.of()),
                StartOptions.named("b"));

        assertThatThrownBy(() -> Supervisor.start(runtime,
                SupervisorSpec.oneForOne(family.worker("a"), family.worker("b"))))
                .isInstanceOf(ChildStartFailedException.class)
                .hasMessageContaining("failed to start child (b, error(already started");
        assertThat(runtime.whereis("a")).isEmpty();
    }

    @Test
    void anIgnoredChildIsKeptWithoutServerUnlessTemporary() {
        family.behaviour("p").mode = InitMode.IGNORE;
        family.behaviour("t").mode = InitMode.IGNORE;

        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                family.worker("p"), family.worker("t", RestartType.TEMPORARY), family.worker("a")));

        assertThat(sup.whichChildren()).extracting(ChildInfo::id, ChildInfo::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("p", ChildStatus.UNDEFINED),
                org.assertj.core.groups.Tuple.tuple("a", ChildStatus.RUNNING));
        assertThat(sup.countChildren()).isEqualTo(new ChildCounts(2, 1, 0, 2));
    }

    @Test
    void childSpecsHaveOtpDefaultsAndAreValidated() {
        ChildSpec worker = family.worker("w");
        assertThat(worker.restart()).isEqualTo(RestartType.PERMANENT);
        assertThat(worker.shutdown()).isEqualTo(Shutdown.timeout(Duration.ofSeconds(5)));
        assertThat(worker.type()).isEqualTo(ChildType.WORKER);
        ChildSpec sup = ChildSpec.supervisor("s", SupervisorSpec.oneForOne());
        assertThat(sup.shutdown()).isEqualTo(Shutdown.infinity());
        assertThat(sup.type()).isEqualTo(ChildType.SUPERVISOR);
        SupervisorSpec spec = SupervisorSpec.oneForOne();
        assertThat(spec.maxRestarts()).isEqualTo(3);
        assertThat(spec.period()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.autoShutdown()).isEqualTo(AutoShutdown.NEVER);

        assertThatThrownBy(() -> SupervisorSpec.oneForOne(family.worker("x"), family.worker("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two children have the id x");
        assertThatThrownBy(() -> family.worker("x").asSignificant())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permanent and significant");
        SupervisorSpec significantWithoutAutoShutdown =
                SupervisorSpec.oneForOne(family.worker("x", RestartType.TRANSIENT).asSignificant());
        assertThatThrownBy(() -> Supervisor.start(runtime, significantWithoutAutoShutdown))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("autoShutdown is NEVER");
        assertThatThrownBy(() -> ChildSpec.supervisor("s", significantWithoutAutoShutdown))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("autoShutdown is NEVER");
        assertThat(significantWithoutAutoShutdown.withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT).validate())
                .isNotNull();
        assertThatThrownBy(() -> SupervisorSpec.oneForOne().withIntensity(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SupervisorSpec.oneForOne().withIntensity(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shutdown.timeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChildSpec.worker(" ", () -> null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFactoryReturningNullFailsTheStart() {
        assertThatThrownBy(() -> Supervisor.start(runtime, SupervisorSpec.oneForOne(ChildSpec.worker("n", () -> null))))
                .isInstanceOf(ChildStartFailedException.class)
                .hasMessageContaining("failed to start child (n,");
    }
}
