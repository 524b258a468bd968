package dev.genserver.spring.statem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genserver.agent.Agent;
import dev.genserver.process.CallFailedException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.StartOptions;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.actuate.WorkerDescriptor;
import dev.genserver.spring.actuate.endpoint.GenServersEndpoint;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.GenServerObservabilityAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.endpoint.GenServersEndpointAutoConfiguration;
import dev.genserver.statem.MachineState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code @GenStateMachine} beans (contract §14, §13) and agents as beans (§15.5). */
class StateMachineBeanTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                    GenServerObservabilityAutoConfiguration.class, GenServersEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=genservers");

    @BeforeEach
    void reset() {
        Door.ENTERED.clear();
    }

    @Test
    void eventsAreHandledPerStateAndTheStateTimeoutRelocks() {
        runner.withUserConfiguration(Door.class).run(ctx -> {
            GenServers servers = ctx.getBean(GenServers.class);
            assertThat(servers.<String>call("door", new Door.Unlock("0000"))).isEqualTo("wrong code");
            assertThat(servers.<String>call("door", new Door.Unlock("1234"))).isEqualTo("open");
            assertThat(servers.<String>call("door", new Door.Knock())).isIn("OPEN after 1 openings",
                    "LOCKED after 1 openings");
            await().until(() -> servers.<String>call("door", new Door.Knock()).equals("LOCKED after 1 openings"));
            assertThat(Door.ENTERED).containsExactly("LOCKED->LOCKED", "LOCKED->OPEN", "OPEN->LOCKED");
        });
    }

    @Test
    void aCallNoMethodHandlesInThisStateFailsAndNamesTheState() {
        runner.withUserConfiguration(Door.class).run(ctx -> {
            GenServers servers = ctx.getBean(GenServers.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> servers.call("door", "hello"))
                    .isInstanceOf(CallFailedException.class)
                    .hasRootCauseMessage(Door.class.getName() + " has no @OnEvent method for java.lang.String in state"
                            + " LOCKED; add one with @OnEvent(states = \"LOCKED\")");
            assertThat(servers.ref("door").isAlive()).isTrue();
        });
    }

    @Test
    void actuatorShowsTheCurrentStateEvenWhenTheDataIsHidden() {
        runner.withUserConfiguration(Door.class).run(ctx -> {
            GenServersEndpoint endpoint = ctx.getBean(GenServersEndpoint.class);
            WorkerDescriptor door = (WorkerDescriptor) endpoint.genServer("door");
            assertThat(door.state()).isEqualTo(new MachineState<>(Door.State.LOCKED, "******"));
        });
    }

    @Test
    void actuatorShowsTheDataWithRedactedFieldsMaskedWhenStateIsShown() {
        runner.withUserConfiguration(Door.class)
                .withPropertyValues("management.endpoint.genservers.show-values=always").run(ctx -> {
                    GenServersEndpoint endpoint = ctx.getBean(GenServersEndpoint.class);
                    WorkerDescriptor door = (WorkerDescriptor) endpoint.genServer("door");
                    assertThat(door.state()).isEqualTo(new MachineState<>(Door.State.LOCKED,
                            Map.of("opened", 0, "code", "******")));
                });
    }

    @Test
    void mistakesAreReportedAtStartupWithWhatToDo() {
        runner.withUserConfiguration(BadDoor.class).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure())
                    .hasMessageContaining("@GenStateMachine(initial = \"AJAR\"), which is not a constant of "
                            + Door.State.class.getName())
                    .hasMessageContaining("names state \"HALF_OPEN\", which is not a constant")
                    .hasMessageContaining("returns String; return void (keep the state), the next state (State)"
                            + " or a Transition");
        });
    }

    @Test
    void aStateMachineWithAClientInterfaceIsRefused() {
        runner.withUserConfiguration(ClientDoor.class).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).hasMessageContaining(ClientDoor.class.getName()
                    + " is a @GenStateMachine with client interfaces [DoorApi], which a state machine does not"
                    + " answer; remove them and reach it by name");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Agents {
        @Bean
        Agent<List<String>> visitors(ProcessRuntime runtime) {
            return Agent.start(runtime, List::of, StartOptions.named("visitors"));
        }
    }

    @Test
    void anAgentIsABeanLikeAnyOther() {
        runner.withUserConfiguration(Agents.class).run(ctx -> {
            @SuppressWarnings("unchecked")
            Agent<List<String>> visitors = ctx.getBean(Agent.class);
            visitors.update(l -> List.of("ada"));
            assertThat(visitors.get()).containsExactly("ada");
            assertThat(ctx.getBean(GenServers.class).whereis("visitors")).contains(visitors.ref());
        });
    }
}
