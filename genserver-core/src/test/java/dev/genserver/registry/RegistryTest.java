package dev.genserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.genserver.supervisor.TestKit.await;

import dev.genserver.process.AlreadyStartedException;
import dev.genserver.process.CallFailedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartFailedException;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import dev.genserver.registry.Registry.Entry;
import dev.genserver.supervisor.ChildInfo;
import dev.genserver.supervisor.ChildSpec;
import dev.genserver.supervisor.ChildStatus;
import dev.genserver.supervisor.DynamicSupervisor;
import dev.genserver.supervisor.DynamicSupervisorSpec;
import dev.genserver.supervisor.Supervisor;
import dev.genserver.supervisor.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** contract §11: Registry. */
@Timeout(60)
class RegistryTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    record Ping() {
    }

    record Crash() {
    }

    /** Registers itself under keys from its init; collects the info messages it receives. */
    static final class Member implements GenServer<List<Object>> {
        private final Registry registry;
        private final List<Object> keys;
        private final Object value;
        private final AtomicInteger inits;

        Member(Registry registry, List<Object> keys, Object value, AtomicInteger inits) {
            this.registry = registry;
            this.keys = keys;
            this.value = value;
            this.inits = inits;
        }

        @Override
        public Init<List<Object>> init(ServerContext ctx) {
            inits.incrementAndGet();
            for (Object key : keys) {
                registry.register(ctx.self(), key, value);
            }
            return Init.ok(new ArrayList<>());
        }

        @Override
        public Result<List<Object>> handleCall(Object request, ReplyTo from, List<Object> received) {
            return switch (request) {
                case Ping p -> Result.reply("pong#" + inits.get(), received);
                case Crash c -> throw new IllegalStateException("crash");
                case String s when s.equals("received") -> Result.reply(List.copyOf(received), received);
                default -> Result.unhandled(received);
            };
        }

        @Override
        public Result<List<Object>> handleInfo(Object message, List<Object> received) {
            received.add(message);
            return Result.noReply(received);
        }

        @Override
        public Result<List<Object>> handleCast(Object message, List<Object> received) {
            received.add("cast:" + message);
            return Result.noReply(received);
        }
    }

    private ServerRef member(Registry registry, Object value, Object... keys) {
        return runtime.start(() -> new Member(registry, List.of(keys), value, new AtomicInteger())).ref();
    }

    private ServerRef plain() {
        return runtime.start(() -> new Member(null, List.of(), null, new AtomicInteger())).ref();
    }

    // ---- unique keys ------------------------------------------------------------------------

    @Test
    void aUniqueKeyHasOneServer() {
        Registry registry = Registry.create(runtime, "names", Registry.Keys.UNIQUE);
        ServerRef a = member(registry, "v1", "k");
        ServerRef b = plain();

        assertThat(registry.whereis("k")).contains(a);
        assertThat(registry.lookup("k")).containsExactly(new Entry("k", a, "v1"));
        assertThatThrownBy(() -> registry.register(b, "k", "v2"))
                .isInstanceOfSatisfying(AlreadyRegisteredException.class, e -> {
                    assertThat(e.holder()).isSameAs(a);
                    assertThat(e.key()).isEqualTo("k");
                })
                .hasMessageContaining("key k is already registered in registry names");
        assertThat(registry.whereis("other")).isEmpty();
        assertThat(registry.lookup("other")).isEmpty();
        assertThat(registry.keys()).isEqualTo(Registry.Keys.UNIQUE);
        assertThat(registry.name()).isEqualTo("names");
    }

    @Test
    void anEntryVanishesWhenItsServerDiesAndTheKeyCanBeTakenAtOnce() {
        Registry registry = Registry.unique(runtime);
        ServerRef a = member(registry, null, "k");

        a.stop();

        assertThat(registry.whereis("k")).isEmpty();
        assertThat(registry.lookup("k")).isEmpty();
        assertThat(registry.count()).isZero();
        ServerRef b = member(registry, null, "k"); // right after the death: no "already registered"
        assertThat(registry.whereis("k")).contains(b);
    }

    @Test
    void aCrashedServerLosesItsEntryToo() {
        Registry registry = Registry.unique(runtime);
        ServerRef a = member(registry, null, "k");

        assertThatThrownBy(() -> a.call(new Crash())).isInstanceOf(CallFailedException.class);

        await().until(() -> !a.isAlive());
        assertThat(registry.whereis("k")).isEmpty();
        registry.register(plain(), "k", null);
    }

    @Test
    void unregisterAndUpdateValue() {
        Registry registry = Registry.unique(runtime);
        ServerRef a = member(registry, 1, "k");
        ServerRef b = plain();

        assertThat(registry.updateValue(a, "k", v -> (Integer) v + 1)).contains(2);
        assertThat(registry.lookup("k")).containsExactly(new Entry("k", a, 2));
        assertThat(registry.updateValue(b, "k", v -> 99)).isEmpty();
        assertThat(registry.unregister(b, "k")).isFalse();
        assertThat(registry.unregister(a, "k")).isTrue();
        assertThat(registry.whereis("k")).isEmpty();
        registry.register(b, "k", null);
        assertThat(registry.whereis("k")).contains(b);
    }

    @Test
    void aServerThatIsNotRunningCannotRegister() {
        Registry registry = Registry.unique(runtime);
        ServerRef a = plain();
        a.stop();

        assertThatThrownBy(() -> registry.register(a, "k", null)).isInstanceOf(NoProcessException.class);
    }

    @Test
    void uniqueOnlyOperationsRefuseADuplicateRegistry() {
        Registry registry = Registry.duplicate(runtime);

        assertThatThrownBy(() -> registry.whereis("k")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a registry with unique keys");
        assertThatThrownBy(() -> registry.via("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.start("k", () -> null, StartOptions.defaults()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyOneOfManyConcurrentRegistrationsOfAUniqueKeyWins() throws Exception {
        Registry registry = Registry.unique(runtime);
        int contenders = 32;
        List<ServerRef> servers = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            servers.add(plain());
        }
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (ServerRef s : servers) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    registry.register(s, "k", null);
                    won.incrementAndGet();
                } catch (AlreadyRegisteredException e) {
                    lost.incrementAndGet();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(won.get()).isEqualTo(1);
        assertThat(lost.get()).isEqualTo(contenders - 1);
        assertThat(registry.count()).isEqualTo(1);
    }

    // ---- duplicate keys and pub/sub ----------------------------------------------------------

    @Test
    void aDuplicateKeyHasManyEntriesEvenFromOneServer() {
        Registry registry = Registry.duplicate(runtime);
        ServerRef a = member(registry, "x", "topic", "topic");
        ServerRef b = member(registry, "y", "topic");

        assertThat(registry.lookup("topic")).containsExactlyInAnyOrder(
                new Entry("topic", a, "x"), new Entry("topic", a, "x"), new Entry("topic", b, "y"));
        assertThat(registry.count("topic")).isEqualTo(3);
        assertThat(registry.values("topic", a)).containsExactly("x", "x");
        assertThat(registry.keys(a)).containsExactly("topic", "topic");

        assertThat(registry.unregister(a, "topic")).isTrue();
        assertThat(registry.lookup("topic")).containsExactly(new Entry("topic", b, "y"));
    }

    @Test
    void dispatchReachesEverySubscriberAndNobodyWhenThereIsNone() {
        Registry registry = Registry.duplicate(runtime);
        ServerRef a = member(registry, null, "prices");
        ServerRef b = member(registry, null, "prices");
        member(registry, null, "news");

        int reached = registry.dispatch("prices", entries -> entries.forEach(e -> e.ref().send("tick")));
        AtomicInteger calls = new AtomicInteger();
        int nobody = registry.dispatch("nobody", entries -> calls.incrementAndGet());

        assertThat(reached).isEqualTo(2);
        assertThat(nobody).isZero();
        assertThat(calls.get()).isZero();
        assertThat(a.<List<Object>>call("received")).containsExactly("tick");
        assertThat(b.<List<Object>>call("received")).containsExactly("tick");
        assertThat(registry.send("nobody", "x")).isZero();
        assertThat(registry.cast("prices", "c")).isEqualTo(2);
        assertThat(a.<List<Object>>call("received")).containsExactly("tick", "cast:c");
    }

    @Test
    void aDeadSubscriberIsNotDispatchedTo() {
        Registry registry = Registry.duplicate(runtime);
        ServerRef a = member(registry, null, "t");
        ServerRef b = member(registry, null, "t");
        a.stop();

        List<ServerRef> reached = new ArrayList<>();
        registry.dispatch("t", entries -> entries.forEach(e -> reached.add(e.ref())));

        assertThat(reached).containsExactly(b);
    }

    @Test
    void matchSelectAndCountsFilterByValue() {
        Registry registry = Registry.duplicate(runtime);
        ServerRef a = member(registry, 10, "t", "u");
        ServerRef b = member(registry, 20, "t");

        assertThat(registry.match("t", v -> (Integer) v > 15)).containsExactly(new Entry("t", b, 20));
        assertThat(registry.countMatch("t", v -> (Integer) v >= 10)).isEqualTo(2);
        assertThat(registry.select(e -> e.ref().equals(a))).containsExactlyInAnyOrder(
                new Entry("t", a, 10), new Entry("u", a, 10));
        assertThat(registry.countSelect(e -> e.key().equals("u"))).isEqualTo(1);
        assertThat(registry.count()).isEqualTo(3);
        assertThat(registry.unregisterMatch(a, "t", v -> v.equals(99))).isFalse();
        assertThat(registry.unregisterMatch(a, "t", v -> v.equals(10))).isTrue();
        assertThat(registry.count()).isEqualTo(2);
    }

    @Test
    void metadataIsStoredPerRegistry() {
        Registry registry = Registry.unique(runtime);

        registry.putMeta("owner", "orders");

        assertThat(registry.meta("owner")).contains("orders");
        assertThat(registry.meta("missing")).isEmpty();
        assertThat(registry.deleteMeta("owner")).isTrue();
        assertThat(registry.meta("owner")).isEmpty();
    }

    // ---- naming servers ---------------------------------------------------------------------

    @Test
    void aServerStartedUnderAKeyIsReachableByIt() {
        Registry registry = Registry.create(runtime, "carts", Registry.Keys.UNIQUE);

        ServerRef cart = registry.start("user-42", () -> new Member(null, List.of(), null, new AtomicInteger()),
                StartOptions.defaults()).ref();

        assertThat(registry.whereis("user-42")).contains(cart);
        assertThat(registry.<String>call("user-42", new Ping())).startsWith("pong");
        assertThat(registry.<String>call("user-42", new Ping(), Duration.ofSeconds(5))).startsWith("pong");
        assertThat(registry.send("user-42", "hello")).isEqualTo(1);
        assertThat(cart.<List<Object>>call("received")).containsExactly("hello");
        assertThat(registry.lookup("user-42")).containsExactly(new Entry("user-42", cart, null));
        assertThatThrownBy(() -> registry.start("user-42", () -> new Member(null, List.of(), null,
                new AtomicInteger()), StartOptions.defaults()))
                .isInstanceOfSatisfying(AlreadyStartedException.class, e -> assertThat(e.holder()).isSameAs(cart))
                .hasMessageContaining("carts/user-42");
        assertThatThrownBy(() -> registry.call("nobody", new Ping()))
                .isInstanceOf(NoProcessException.class).hasMessageContaining("carts/nobody");

        cart.stop();

        assertThat(registry.whereis("user-42")).isEmpty();
        ServerRef again = registry.start("user-42", () -> new Member(null, List.of(), null, new AtomicInteger()),
                StartOptions.defaults()).ref();
        assertThat(registry.whereis("user-42")).contains(again);
    }

    @Test
    void aFailedOrIgnoredStartReleasesTheKey() {
        Registry registry = Registry.unique(runtime);

        assertThatThrownBy(() -> registry.start("k", () -> new GenServer<Object>() {
            @Override
            public Init<Object> init(ServerContext ctx) {
                return Init.stop(ExitReason.error("no"));
            }
        }, StartOptions.defaults())).isInstanceOf(StartFailedException.class);
        assertThat(registry.whereis("k")).isEmpty();

        StartResult ignored = registry.start("k", () -> ctx -> Init.ignore(), StartOptions.defaults());
        assertThat(ignored.isStarted()).isFalse();
        assertThat(registry.whereis("k")).isEmpty();

        ServerRef s = member(registry, null, "k");
        assertThat(registry.whereis("k")).contains(s);
    }

    @Test
    void concurrentStartsUnderOneKeyStartOneServer() throws Exception {
        Registry registry = Registry.unique(runtime);
        AtomicInteger inits = new AtomicInteger();
        int contenders = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<ServerRef> winners = new CopyOnWriteArrayList<>();
        List<ServerRef> holders = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    winners.add(registry.start("k", () -> new Member(null, List.of(), null, inits),
                            StartOptions.defaults()).ref());
                } catch (AlreadyStartedException e) {
                    holders.add(e.holder());
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(winners).hasSize(1);
        assertThat(holders).hasSize(contenders - 1).containsOnly(winners.get(0));
        assertThat(inits.get()).isEqualTo(1);
    }

    @Test
    void aSupervisedChildKeepsItsKeyAcrossRestartsAndLosesItWhenTerminated() {
        Registry registry = Registry.unique(runtime);
        AtomicInteger inits = new AtomicInteger();
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                ChildSpec.worker("cart", () -> new Member(null, List.of(), null, inits))
                        .withStarter(registry.via("cart-1"))));
        ServerRef cart = registry.whereis("cart-1").orElseThrow();

        assertThatThrownBy(() -> cart.call(new Crash())).isInstanceOf(CallFailedException.class);
        // During and after the restart the key leads to the same server, whose mailbox is kept.
        assertThat(registry.whereis("cart-1")).contains(cart);
        assertThat(registry.<String>call("cart-1", new Ping())).isEqualTo("pong#2");

        sup.terminateChild("cart");
        assertThat(registry.whereis("cart-1")).isEmpty();

        ServerRef again = sup.restartChild("cart").ref();
        assertThat(again).isNotSameAs(cart);
        assertThat(registry.whereis("cart-1")).contains(again);
        sup.stop();
        assertThat(registry.whereis("cart-1")).isEmpty();
        assertThat(registry.count()).isZero();
    }

    @Test
    void keyedServersOnDemandUnderADynamicSupervisor() {
        Registry registry = Registry.unique(runtime);
        DynamicSupervisor carts = DynamicSupervisor.start(runtime, DynamicSupervisorSpec.defaults());
        List<ServerRef> started = new ArrayList<>();
        for (String user : List.of("ann", "bob", "cid")) {
            started.add(carts.startChild(ChildSpec.worker("cart", () -> new Member(null, List.of(), null,
                    new AtomicInteger())).withStarter(registry.via(user))).ref());
        }

        assertThat(registry.whereis("bob")).contains(started.get(1));
        assertThatThrownBy(() -> carts.startChild(ChildSpec.worker("cart", () -> new Member(null, List.of(), null,
                new AtomicInteger())).withStarter(registry.via("bob"))))
                .isInstanceOfSatisfying(AlreadyStartedException.class,
                        e -> assertThat(e.holder()).isSameAs(started.get(1)));
        assertThat(carts.countChildren().active()).isEqualTo(3);

        carts.terminateChild(started.get(0));
        assertThat(registry.whereis("ann")).isEmpty();
        assertThat(carts.whichChildren()).extracting(ChildInfo::status).containsOnly(ChildStatus.RUNNING);
        assertThat(registry.count()).isEqualTo(2);
    }

    @Test
    void aRestartedServerRegistersAgainFromItsInit() {
        Registry topics = Registry.duplicate(runtime);
        AtomicInteger inits = new AtomicInteger();
        Supervisor.start(runtime, SupervisorSpec.oneForOne(
                ChildSpec.worker("sub", () -> new Member(topics, List.of("t"), "v", inits)).withName("sub")));
        ServerRef sub = runtime.whereis("sub").orElseThrow();

        assertThatThrownBy(() -> sub.call(new Crash())).isInstanceOf(CallFailedException.class);
        await().until(() -> inits.get() == 2 && topics.count("t") == 1);

        assertThat(topics.lookup("t")).containsExactly(new Entry("t", sub, "v")); // the old entry is gone
    }

    @Test
    void viaRefusesAnotherRuntime() {
        Registry registry = Registry.unique(runtime);
        try (ProcessRuntime other = ProcessRuntime.create()) {
            assertThatThrownBy(() -> Supervisor.start(other, SupervisorSpec.oneForOne(
                    ChildSpec.worker("x", () -> new Member(null, List.of(), null, new AtomicInteger()))
                            .withStarter(registry.via("x")))))
                    .hasMessageContaining("belongs to another runtime");
        }
    }

    @Test
    void namesOfServersThatEndedWithoutAnExitAreSweptAway() {
        Registry registry = Registry.unique(runtime);
        // Supervisors that give up discard their children: no exit the registry could see.
        for (int i = 0; i < 200; i++) {
            Supervisor sup = Supervisor.start(runtime, SupervisorSpec.oneForOne(
                    ChildSpec.worker("c", () -> new Member(null, List.of(), null, new AtomicInteger()))
                            .withStarter(registry.via("key-" + i))));
            sup.stop();
        }
        assertThat(registry.retainedNames()).isLessThan(100); // without the sweep: 200
        assertThat(registry.count()).isZero();
        assertThat(registry.select(e -> true)).isEmpty();
    }
}
