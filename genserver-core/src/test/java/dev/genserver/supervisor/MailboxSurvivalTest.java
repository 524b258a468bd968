package dev.genserver.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.MailboxOnCrash;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStoppedException;
import dev.genserver.process.StartOptions;
import dev.genserver.supervisor.TestKit.Block;
import dev.genserver.supervisor.TestKit.Crash;
import dev.genserver.supervisor.TestKit.Family;
import dev.genserver.supervisor.TestKit.Ping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** contract §6 under supervision: the mailbox belongs to the supervised name and survives restarts. */
@Timeout(60)
class MailboxSurvivalTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();
    private final Family family = new Family();

    @AfterEach
    void close() {
        runtime.close();
    }

    private List<CompletableFuture<Object>> queueCrashThenPings(ServerRef w, CountDownLatch release) {
        CountDownLatch entered = new CountDownLatch(1);
        w.callAsync(new Block(entered, release), Duration.ofMinutes(1));
        TestKit.awaitLatch(entered);
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        calls.add(w.callAsync(new Crash("the one that crashes"), Duration.ofMinutes(1)));
        for (int i = 0; i < 3; i++) {
            calls.add(w.callAsync(new Ping(), Duration.ofMinutes(1)));
        }
        return calls;
    }

    @Test
    void messagesQueuedBehindTheCrashAreHandledByTheFreshInstance() {
        Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("w")));
        ServerRef w = runtime.whereis("w").orElseThrow();
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Object>> calls = queueCrashThenPings(w, release);

        release.countDown();

        assertThatThrownBy(calls.get(0)::join).hasCauseInstanceOf(CallFailedException.class);
        for (CompletableFuture<Object> ping : calls.subList(1, 4)) {
            assertThat(ping.join()).isEqualTo("pong:w#2");
        }
        assertThat(w.info().restarts()).isEqualTo(1);
        assertThat(w.info().lastCrash().messageType()).isEqualTo(Crash.class.getName());
    }

    @Test
    void withTheDropPolicyQueuedCallersFailAtOnce() {
        Supervisor.start(runtime, SupervisorSpec.oneForOne(
                family.worker("w").withOptions(StartOptions.named("w").withMailboxOnCrash(MailboxOnCrash.DROP))));
        ServerRef w = runtime.whereis("w").orElseThrow();
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Object>> calls = queueCrashThenPings(w, release);

        release.countDown();

        for (CompletableFuture<Object> ping : calls.subList(1, 4)) {
            assertThatThrownBy(ping::join).hasCauseInstanceOf(ServerStoppedException.class);
        }
        TestKit.awaitInstance(runtime, family, "w", 2);
        assertThat(w.<String>call(new Ping())).isEqualTo("pong:w#2");
    }

    @Test
    void aRestartedChildKeepsItsNameAndReference() {
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(family.worker("w")));
        ServerRef w = runtime.whereis("w").orElseThrow();

        assertThatThrownBy(() -> w.call(new Crash("x"))).isInstanceOf(CallFailedException.class);

        assertThat(TestKit.awaitInstance(runtime, family, "w", 2)).isSameAs(w);
        assertThat(sup.child("w")).contains(w);
    }
}
