package dev.genserver.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.MailboxFullException;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.actuate.fixtures.Slot;
import dev.genserver.spring.actuate.fixtures.SlotApi;
import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.autoconfigure.actuate.GenServerObservabilityAutoConfiguration;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The running totals of a keyed server ({@link GenServerActivity#instances} and
 * {@link GenServerActivity#queued}) come back to what is really there after messages a full
 * mailbox refused and after an instance its supervisor gave up on.
 */
class KeyedActivityTotalsTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class,
                    GenServerObservabilityAutoConfiguration.class))
            .withUserConfiguration(Slot.class);

    @BeforeEach
    void resetLatches() {
        Slot.held = new CountDownLatch(1);
        Slot.release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseHeld() {
        Slot.release.countDown();
    }

    @Test
    void messagesRefusedByAFullMailboxLeaveTheMailboxTotal() {
        runner.run(ctx -> {
            @SuppressWarnings("unchecked")
            KeyedServers<SlotApi> slots = ctx.getBean(KeyedServers.class);
            GenServerActivity activity = ctx.getBean(GenServerActivity.class);
            SlotApi ann = slots.get("ann");
            assertThat(ann.pokes()).isZero();
            ann.hold();
            assertThat(Slot.held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            ann.poke(); // fills the mailbox of one
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(ann::poke).isInstanceOf(MailboxFullException.class);
            }
            assertThat(activity.queued("slot")).isEqualTo(1);

            Slot.release.countDown();
            await().atMost(WAIT).until(() -> activity.queued("slot") == 0);
            assertThat(ann.pokes()).isEqualTo(1); // only once its mailbox has room again
            assertThat(activity.queued("slot")).isZero();
            assertThat(activity.instances("slot")).isEqualTo(1);
        });
    }

    @Test
    void anInstanceItsSupervisorGaveUpOnIsNoLongerCounted() {
        runner.withPropertyValues("genserver.supervisors.root.max-restarts=0", "genserver.on-give-up=keep-running")
                .run(ctx -> {
                    @SuppressWarnings("unchecked")
                    KeyedServers<SlotApi> slots = ctx.getBean(KeyedServers.class);
                    GenServerActivity activity = ctx.getBean(GenServerActivity.class);
                    SlotApi bob = slots.get("bob");
                    assertThat(bob.pokes()).isZero();
                    assertThat(activity.instances("slot")).isEqualTo(1);

                    bob.crash(); // no restart allowed: its supervisor gives up on it

                    await().atMost(WAIT).until(() -> activity.instances("slot") == 0);
                    assertThat(activity.queued("slot")).isZero();
                });
    }
}
