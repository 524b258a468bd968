package dev.genserver.benchmarks.profile;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import dev.genserver.benchmarks.cluster.FloorTasks;
import dev.genserver.benchmarks.cluster.HazelcastPair;
import dev.genserver.benchmarks.ours.OursSupport;
import dev.genserver.benchmarks.ours.OursSupport.Add;
import dev.genserver.benchmarks.ours.OursSupport.Counter;
import dev.genserver.benchmarks.ours.OursSupport.Get;
import dev.genserver.benchmarks.ours.OursSupport.Increment;
import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusterOptions;
import dev.genserver.cluster.ClusterRef;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.cluster.JsonMessageCodec;
import dev.genserver.cluster.hazelcast.HazelcastEngine;
import dev.genserver.process.ProcessRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * W16 beside its floor in one JVM, on one pair of members: rounds of {@code n} remote calls
 * through {@link ClusterRef#call} and {@code n} {@code submitToMember(...).get()} round trips,
 * alternated so both see the same machine load; prints p50 and mean of each and their ratio
 * (the load-independent figure on a shared machine). Then, under JFR, counts the thread parks per
 * round trip by thread group (a park is a thread running out of work: every hand-off to a parked
 * thread costs its wake-up) for ours and for the floor.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.genserver.benchmarks.profile.RemoteCallBreakdown 2000 5
 * </pre>
 */
public final class RemoteCallBreakdown {

    private RemoteCallBreakdown() {
    }

    /**
     * Runs the comparison.
     *
     * @param args calls per round (default 2000) and rounds (default 5)
     * @throws Exception if a call fails
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        HazelcastPair pair = HazelcastPair.start();
        ProcessRuntime hostRuntime = ProcessRuntime.create();
        ProcessRuntime callerRuntime = ProcessRuntime.create();
        List<ClusteredServer> servers = List.of(ClusteredServer.singleton("counter", token -> new Counter())
                .accepting(Increment.class, Add.class, Get.class));
        ClusterOptions options = ClusterOptions.defaults().withCallTimeout(Duration.ofSeconds(30));
        ClusterNode host = ClusterNode.start(hostRuntime, new HazelcastEngine(pair.first()), options,
                new JsonMessageCodec(), servers);
        ClusterNode caller = ClusterNode.start(callerRuntime, new HazelcastEngine(pair.second()), options,
                new JsonMessageCodec(), servers);
        ClusterRef counter = caller.singleton("counter");
        counter.call(Increment.INSTANCE, Duration.ofSeconds(60));
        IExecutorService executor = pair.second().getExecutorService(HazelcastEngine.EXECUTOR);
        Member target = pair.firstAsSeenBySecond();
        byte[] payload = new byte[64];
        Leg ours = () -> counter.call(Increment.INSTANCE);
        Leg floor = () -> executor.submitToMember(new FloorTasks.Echo(payload), target).get(30, TimeUnit.SECONDS);
        try {
            time(ours, n);
            time(floor, n); // warm-up
            for (int r = 1; r <= rounds; r++) {
                long[] f = time(floor, n);
                long[] o = time(ours, n);
                System.out.printf(Locale.ROOT, "round %d: ours p50 %.1f µs mean %.1f | floor p50 %.1f mean %.1f | "
                                + "ratio p50 %.2f mean %.2f%n", r, p50(o), mean(o), p50(f), mean(f),
                        p50(o) / p50(f), mean(o) / mean(f));
            }
            // W17 beside its floor, alternated the same way: casts per second until all were handled
            int casts = 20_000;
            Leg oursCasts = () -> {
                for (int i = 0; i < casts; i++) {
                    counter.cast(Add.INSTANCE);
                }
                counter.call(Get.INSTANCE, Duration.ofSeconds(60));
            };
            Leg floorCasts = () -> {
                long counted = FloorTasks.COUNTED.get() + casts;
                for (int i = 0; i < casts; i++) {
                    executor.executeOnMember(new FloorTasks.Count(payload), target);
                }
                while (FloorTasks.COUNTED.get() < counted) {
                    Thread.onSpinWait();
                }
            };
            time(oursCasts, 2);
            time(floorCasts, 2);
            for (int r = 1; r <= rounds; r++) {
                double f = casts / (mean(time(floorCasts, 3)) / 1e6);
                double o = casts / (mean(time(oursCasts, 3)) / 1e6);
                System.out.printf(Locale.ROOT, "W17 round %d: ours %.0f casts/s | floor %.0f casts/s | ours/floor %.2f%n",
                        r, o, f, o / f);
            }
            System.out.println("parks per round trip, by thread group (ours):");
            parks(ours, n);
            System.out.println("parks per round trip, by thread group (floor):");
            parks(floor, n);
            System.out.println("CPU µs per round trip, by thread group (ours):");
            cpu(ours, n);
            System.out.println("CPU µs per round trip, by thread group (floor):");
            cpu(floor, n);
        } finally {
            caller.close();
            host.close();
            OursSupport.close(callerRuntime);
            OursSupport.close(hostRuntime);
            pair.close();
        }
    }

    private interface Leg {
        void run() throws Exception;
    }

    private static long[] time(Leg leg, int n) throws Exception {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            leg.run();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return t;
    }

    private static double p50(long[] sorted) {
        return sorted[sorted.length / 2] / 1_000.0;
    }

    private static double mean(long[] t) {
        return Arrays.stream(t).average().orElse(0) / 1_000.0;
    }

    private static void cpu(Leg leg, int n) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> before = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            before.put(id, threads.getThreadCpuTime(id));
        }
        time(leg, n);
        Map<String, Double> byGroup = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            long was = before.getOrDefault(info.getThreadId(), 0L);
            if (now > 0) {
                byGroup.merge(info.getThreadName().replaceAll("[0-9]+", "#"), (now - Math.max(0, was)) / 1_000.0 / n,
                        Double::sum);
            }
        }
        double total = 0;
        for (var entry : byGroup.entrySet()) {
            total += entry.getValue();
            if (entry.getValue() >= 0.5) {
                System.out.printf(Locale.ROOT, "  %7.1f  %s%n", entry.getValue(), entry.getKey());
            }
        }
        System.out.printf(Locale.ROOT, "  %7.1f  in all (threads that ended meanwhile not counted)%n", total);
    }

    private static void parks(Leg leg, int n) throws Exception {
        Path file = Files.createTempFile("remote-call", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO);
            recording.enable("jdk.JavaMonitorWait").withThreshold(Duration.ZERO);
            recording.enable("jdk.VirtualThreadStart");
            recording.start();
            time(leg, n);
            recording.stop();
            recording.dump(file);
        }
        Map<String, Integer> byGroup = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String thread = e.getThread() == null ? "?" : e.getThread().getJavaName();
            String group = (thread == null || thread.isEmpty() ? "virtual" : thread.replaceAll("[0-9]+", "#"))
                    + (e.getEventType().getName().equals("jdk.ThreadPark") ? "" : " [" + e.getEventType().getName() + "]");
            byGroup.merge(group, 1, Integer::sum);
        }
        Files.delete(file);
        double total = 0;
        for (var entry : byGroup.entrySet()) {
            double per = entry.getValue() / (double) n;
            if (!entry.getKey().contains("[")) {
                total += per;
            }
            if (per >= 0.01) {
                System.out.printf(Locale.ROOT, "  %6.2f  %s%n", per, entry.getKey());
            }
        }
        System.out.printf(Locale.ROOT, "  %6.2f  parks in all%n", total);
    }
}
