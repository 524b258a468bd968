package dev.genserver.spring.test;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerInfo;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.GenServers;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Test support: waits until a server has handled its mailbox, shows its state (the server
 * instance itself), and crashes it to exercise restarts. A bean in every {@link GenServerTest}
 * (and test with {@link AutoConfigureGenServer}); in other tests, create one from the
 * {@link GenServers} bean.
 *
 * <pre>{@code
 * @GenServerTest({Cart.class, FakePayments.class})
 * class CartTest {
 *     @Autowired CartApi cart;
 *     @Autowired GenServerTester tester;
 *
 *     @Test
 *     void addsItems() {
 *         cart.add(new Item("book"));                 // a cast: returns at once
 *         tester.awaitIdle("cart");                   // everything queued so far is handled
 *         Cart state = tester.state("cart", Cart.class);
 *         assertThat(state.items()).hasSize(1);
 *     }
 * }
 * }</pre>
 */
public class GenServerTester {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final GenServers servers;

    /**
     * Creates the tester.
     *
     * @param servers the by-name API of the application under test
     */
    public GenServerTester(GenServers servers) {
        this.servers = servers;
    }

    /**
     * Returns a live server.
     *
     * @param name its registered name
     * @return the reference
     * @throws dev.genserver.process.NoProcessException when none is running
     */
    public ServerRef ref(String name) {
        return servers.ref(name);
    }

    /**
     * Waits, up to 10 seconds, until the server has handled every message sent to it so far
     * and is handling none.
     *
     * @param name its registered name
     */
    public void awaitIdle(String name) {
        awaitIdle(name, DEFAULT_WAIT);
    }

    /**
     * Waits until the server has handled every message sent to it so far and is handling none.
     *
     * @param name its registered name
     * @param timeout the most to wait
     * @throws AssertionError when it is still busy after {@code timeout}
     */
    public void awaitIdle(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            ServerRef ref = ref(name);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("server " + name + " is still busy after " + timeout + ": " + ref.info());
            }
            servers.sync(name, Duration.ofNanos(left));
            ServerInfo info = ref.info();
            if (info.mailboxLength() == 0 && info.currentMessageType() == null) {
                return;
            }
        }
    }

    /**
     * Returns the server's state: its current instance, read between two messages. Call
     * {@link #awaitIdle} first to see the effect of casts.
     *
     * @param name its registered name
     * @param type the server class
     * @param <T> the server class
     * @return the instance
     */
    public <T> T state(String name, Class<T> type) {
        return type.cast(ref(name).getState());
    }

    /**
     * Returns the state as the server's redaction hook shows it.
     *
     * @param name its registered name
     * @return the redacted state, or empty when the hook threw
     */
    public Optional<Object> formattedState(String name) {
        return ref(name).getFormattedState();
    }

    /**
     * Crashes the server (an exit signal with an abnormal reason; terminate does not run) and
     * waits until its supervisor has restarted it with a fresh instance.
     *
     * @param name its registered name
     * @return the reference, once restarted
     * @throws AssertionError when it was not restarted within 10 seconds
     */
    public ServerRef crashAndAwaitRestart(String name) {
        ServerRef ref = ref(name);
        long before = ref.info().restarts();
        servers.runtime().exit(ref, ExitReason.error("crashed by GenServerTester"));
        return awaitInfo(name, i -> i.restarts() > before && i.status() == dev.genserver.process.ServerStatus.RUNNING,
                DEFAULT_WAIT);
    }

    /**
     * Waits until the server's inspection data satisfies {@code condition}.
     *
     * @param name its registered name
     * @param condition the condition
     * @param timeout the most to wait
     * @return the reference
     * @throws AssertionError on timeout
     */
    public ServerRef awaitInfo(String name, Predicate<ServerInfo> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            Optional<ServerRef> ref = servers.whereis(name);
            if (ref.isPresent() && condition.test(ref.get().info())) {
                return ref.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("server " + name + " did not reach the expected state within " + timeout
                        + (ref.isPresent() ? ": " + ref.get().info() : ": not running"));
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /**
     * Returns the runtime, for anything else.
     *
     * @return the runtime
     */
    public ProcessRuntime runtime() {
        return servers.runtime();
    }
}
