package dev.genserver.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.supervisor.ChildSpec;
import dev.genserver.supervisor.Supervisor;
import dev.genserver.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contract §15.5. */
class AgentTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void getUpdateGetAndUpdateAndCast() {
        Agent<List<String>> agent = Agent.start(runtime, List::of, StartOptions.named("names"));
        agent.update(l -> Stream.concat(l.stream(), Stream.of("ada")).toList());
        assertThat(agent.get()).containsExactly("ada");
        assertThat(agent.getAndUpdate(l -> List.of("grace"))).containsExactly("ada");
        assertThat(agent.updateAndGet(l -> Stream.concat(l.stream(), Stream.of("alan")).toList()))
                .containsExactly("grace", "alan");
        agent.cast(l -> l.subList(1, l.size()));
        assertThat(agent.<Integer>get(List::size)).isEqualTo(1);
        assertThat(runtime.whereis("names")).contains(agent.ref());
    }

    @Test
    void updatesFromManyThreadsAreNotLost() {
        Agent<Integer> counter = Agent.start(runtime, () -> 0);
        IntStream.range(0, 200).parallel().forEach(i -> counter.cast(n -> n + 1));
        await().until(() -> counter.get() == 200);
    }

    @Test
    void aFunctionThatThrowsCrashesTheAgentAndItsSupervisorRestartsIt() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                ChildSpec.worker("counter", Agent.server(() -> 10))));
        ServerRef ref = sup.child("counter").orElseThrow();
        Agent<Integer> counter = Agent.of(ref);
        counter.update(n -> n + 1);
        assertThatThrownBy(() -> counter.get(n -> n / 0)).isInstanceOf(CallFailedException.class);
        await().until(() -> ref.isAlive() && counter.get() == 10);
        assertThat(ref.info().serverType()).isEqualTo(Agent.class.getName());
        counter.stop(Duration.ofSeconds(5));
    }
}
