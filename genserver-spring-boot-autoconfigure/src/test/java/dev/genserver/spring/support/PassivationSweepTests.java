package dev.genserver.spring.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.annotation.HandleCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keyed instances passivate through one periodic sweep per idle timeout, not a timer per
 * instance: an idle instance stops with {@code PASSIVATED}, a busy one stays, and the sweep
 * forgets stopped instances and stops running once none is left.
 */
class PassivationSweepTests {

    /** A server that answers {@code "ping"}. */
    public static class Echo {
        /** Nothing to set up. */
        public Echo() {
        }

        /** Answers a ping. */
        @HandleCall
        public String ping(String request) {
            return request;
        }
    }

    private final ProcessRuntime runtime = ProcessRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    private ServerRef start(Duration idleTimeout) {
        return start(idleTimeout, true);
    }

    private ServerRef start(Duration idleTimeout, boolean swept) {
        List<String> problems = new ArrayList<>();
        ServerModel model = ServerIntrospector.introspect(Echo.class, new Class<?>[0], null, problems);
        assertThat(problems).isEmpty();
        PassivationLog log = new PassivationLog();
        return runtime.start(() -> new BeanGenServer(model, new Echo(), "echo", "k", idleTimeout, null, log, swept))
                .ref();
    }

    private static ExitReason exitOf(ServerRef ref) {
        return ref.onExit().join();
    }

    @Test
    void anIdleInstancePassivatesAndTheSweepForgetsIt() {
        Duration idle = Duration.ofMillis(40);
        ServerRef ref = start(idle);
        assertThat((String) ref.call("ping")).isEqualTo("ping");
        assertThat(PassivationSweep.of(idle).size()).isEqualTo(1);

        assertThat(exitOf(ref)).isEqualTo(BeanGenServer.PASSIVATED);
        await().atMost(Duration.ofSeconds(10)).until(() -> PassivationSweep.of(idle).size() == 0);
    }

    @Test
    void anInstanceMessagedMoreOftenThanItsTimeoutStays() throws InterruptedException {
        Duration idle = Duration.ofMillis(1000);
        ServerRef ref = start(idle);
        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (System.nanoTime() < end) {
            assertThat((String) ref.call("ping")).as("a call within the idle timeout of the last").isEqualTo("ping");
            Thread.sleep(20); // the pacing of the messages, not a wait for an outcome
        }
        assertThat(ref.isAlive()).isTrue();
        assertThat(exitOf(ref)).isEqualTo(BeanGenServer.PASSIVATED);
    }

    @Test
    void aSweepCheckThatFindsRecentActivityLeavesTheInstanceRunning() {
        Duration idle = Duration.ofHours(1);
        ServerRef ref = start(idle);
        ref.send(PassivationSweep.CHECK);
        assertThat((String) ref.call("ping")).isEqualTo("ping");
        assertThat(ref.isAlive()).isTrue();
        ref.stop();
        assertThat(PassivationSweep.of(idle).size()).isZero();
    }

    @Test
    void anInstanceWithABoundedMailboxPassivatesThroughATimerOfItsOwn() {
        Duration idle = Duration.ofMillis(30);
        ServerRef ref = start(idle, false);
        assertThat((String) ref.call("ping")).isEqualTo("ping");
        assertThat(PassivationSweep.of(idle).size()).as("instances in the sweep").isZero();

        assertThat(exitOf(ref)).isEqualTo(BeanGenServer.PASSIVATED);
    }
}
