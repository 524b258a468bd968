package dev.genserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.supervisor.TestKit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * contract §11: concurrent lookups take no lock. Proven without timing: lookups finish while a writer is
 * stuck inside the registry holding the lock of the very key they read, and while a dispatch
 * callback is stuck; many readers and writers together always see consistent entries.
 */
@Timeout(60)
class RegistryConcurrencyTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    static final class Idle implements GenServer<Object> {
        @Override
        public Init<Object> init(ServerContext ctx) {
            return Init.ok("idle");
        }
    }

    private ServerRef idle() {
        return runtime.start(Idle::new).ref();
    }

    @Test
    void lookupsOfAKeyGoOnWhileAWriterHoldsIt() throws Exception {
        Registry registry = Registry.unique(runtime);
        ServerRef holder = idle();
        registry.register(holder, "hot", 1);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        // updateValue runs its function while it owns the key's entry.
        CompletableFuture<Object> writer = CompletableFuture.supplyAsync(() -> registry.updateValue(holder, "hot",
                v -> {
                    writing.countDown();
                    TestKit.awaitLatch(release);
                    return 2;
                }).orElseThrow(), r -> Thread.ofVirtual().start(r));
        TestKit.awaitLatch(writing);

        List<Thread> readers = new ArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            readers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    if (registry.whereis("hot").orElseThrow() == holder && registry.count("hot") == 1
                            && registry.lookup("hot").get(0).value().equals(1)) {
                        reads.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread r : readers) {
            r.join();
        }

        assertThat(reads.get()).isEqualTo(40_000);
        assertThat(writer).isNotDone();
        release.countDown();
        assertThat(writer.get()).isEqualTo(2);
        assertThat(registry.lookup("hot").get(0).value()).isEqualTo(2);
    }

    @Test
    void theRegistryStaysUsableWhileADispatchCallbackBlocks() throws Exception {
        Registry topics = Registry.duplicate(runtime);
        ServerRef sub = idle();
        topics.register(sub, "t", null);
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread dispatcher = Thread.ofVirtual().start(() -> topics.dispatch("t", entries -> {
            inCallback.countDown();
            TestKit.awaitLatch(release);
        }));
        TestKit.awaitLatch(inCallback);

        ServerRef other = idle();
        topics.register(other, "t", "second");
        assertThat(topics.count("t")).isEqualTo(2);
        assertThat(topics.unregister(other, "t")).isTrue();
        assertThat(topics.lookup("t")).hasSize(1);

        release.countDown();
        dispatcher.join();
    }

    @Test
    void manyReadersAndWritersSeeConsistentEntries() throws Exception {
        Registry registry = Registry.duplicate(runtime);
        ServerRef stable = idle();
        registry.register(stable, "stable", "s");
        List<ServerRef> churners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            churners.add(idle());
        }
        int readers = 6;
        CyclicBarrier go = new CyclicBarrier(readers + churners.size());
        AtomicReference<String> problem = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (ServerRef churner : churners) {
            threads.add(Thread.ofVirtual().start(() -> {
                await(go);
                for (int i = 0; i < 2_000; i++) {
                    registry.register(churner, "churn", i);
                    if (!registry.unregister(churner, "churn")) {
                        problem.compareAndSet(null, "an entry just registered could not be unregistered");
                    }
                }
            }));
        }
        for (int r = 0; r < readers; r++) {
            threads.add(Thread.ofVirtual().start(() -> {
                await(go);
                for (int i = 0; i < 20_000; i++) {
                    List<Registry.Entry> entries = registry.lookup("stable");
                    if (entries.size() != 1 || entries.get(0).ref() != stable) {
                        problem.compareAndSet(null, "stable entry seen as " + entries);
                    }
                    if (registry.count("churn") > churners.size()) {
                        problem.compareAndSet(null, "more churn entries than churners");
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(problem.get()).isNull();
        assertThat(registry.count("churn")).isZero();
        assertThat(registry.count()).isEqualTo(1);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
