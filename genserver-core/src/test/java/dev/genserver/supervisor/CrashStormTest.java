package dev.genserver.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.genserver.supervisor.TestKit.await;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.genserver.process.CallFailedException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.supervisor.TestKit.Crash;
import dev.genserver.supervisor.TestKit.Family;
import dev.genserver.supervisor.TestKit.Ping;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The crash storm: 10,000 crashes under one supervisor with a high intensity while callers hammer
 * the crashing servers. No deadlock (the test times out otherwise), every caller answered, the
 * restart count exact, and no thread left behind.
 */
@Timeout(120)
class CrashStormTest {

    private static final int CRASHES = 10_000;
    private static final int CALLERS = 16;
    private static final int WORKERS = 4;
    private static final int PINGS_PER_CRASH = 2;

    @Test
    void tenThousandCrashesWhileCallersHammer() throws Exception {
        int threadsBefore = genserverThreads();
        Family family = new Family();
        ProcessRuntime runtime = ProcessRuntime.create();
        List<ChildSpec> children = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            children.add(family.worker("w" + i).withOptions(
                    StartOptions.named("w" + i).withCallTimeout(Duration.ofMinutes(1))));
        }
        Supervisor sup = Supervisor.start(runtime,
                SupervisorSpec.of(Strategy.ONE_FOR_ONE, children).withIntensity(1_000_000, Duration.ofMinutes(1)),
                StartOptions.named("storm"));
        List<ServerRef> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            workers.add(runtime.whereis("w" + i).orElseThrow());
        }

        AtomicInteger crashesAnswered = new AtomicInteger();
        AtomicInteger pingsAnswered = new AtomicInteger();
        Map<String, AtomicInteger> unexpected = new ConcurrentHashMap<>();
        CyclicBarrier go = new CyclicBarrier(CALLERS);
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            int crashes = CRASHES / CALLERS;
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < crashes; i++) {
                    ServerRef target = workers.get(random.nextInt(WORKERS));
                    try {
                        target.call(new Crash("storm"));
                        unexpected.computeIfAbsent("crash answered with a reply", k -> new AtomicInteger())
                                .incrementAndGet();
                    } catch (CallFailedException expected) {
                        crashesAnswered.incrementAndGet();
                    } catch (RuntimeException e) {
                        unexpected.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    for (int p = 0; p < PINGS_PER_CRASH; p++) {
                        try {
                            String pong = workers.get(random.nextInt(WORKERS)).call(new Ping());
                            if (pong.startsWith("pong:")) {
                                pingsAnswered.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            unexpected.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }

        assertThat(unexpected).isEmpty();
        assertThat(crashesAnswered.get()).isEqualTo(CRASHES);
        assertThat(pingsAnswered.get()).isEqualTo(CRASHES * PINGS_PER_CRASH);
        await().atMost(Duration.ofSeconds(30)).until(() -> sup.countChildren().active() == WORKERS);
        long restarts = 0;
        for (ServerRef w : workers) {
            restarts += w.info().restarts();
        }
        assertThat(restarts).isEqualTo(CRASHES);
        int inits = 0;
        for (int i = 0; i < WORKERS; i++) {
            inits += family.inits("w" + i);
        }
        assertThat(inits).isEqualTo(CRASHES + WORKERS);
        assertThat(sup.ref().isAlive()).isTrue();
        assertThat(sup.whichChildren()).extracting(ChildInfo::ref).containsExactlyElementsOf(workers);
        // The thread count below sees the servers' virtual threads: one blocked worker shows up.
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        workers.get(0).callAsync(new TestKit.Block(entered, release));
        TestKit.awaitLatch(entered);
        assertThat(genserverThreads()).isGreaterThan(threadsBefore);
        release.countDown();

        sup.stop();
        runtime.close();
        assertThat(runtime.serverCount()).isZero();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> genserverThreads() <= threadsBefore);
    }

    private static final Pattern THREAD = Pattern.compile("\\{\\s*\"tid\"[^\\[]*\"stack\": \\[([^\\]]*)\\]");

    /** Threads (virtual ones included) that are running code of this library, from a JSON thread dump. */
    static int genserverThreads() throws IOException {
        Path dump = Files.createTempFile("threads", ".json");
        Files.delete(dump);
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            String json = Files.readString(dump);
            Matcher m = THREAD.matcher(json);
            int count = 0;
            while (m.find()) {
                String stack = m.group(1);
                if (stack.contains("dev.genserver.") && !stack.contains("CrashStormTest")) {
                    count++;
                }
            }
            return count;
        } finally {
            Files.deleteIfExists(dump);
        }
    }
}
