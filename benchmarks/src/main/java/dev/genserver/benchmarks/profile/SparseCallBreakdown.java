package dev.genserver.benchmarks.profile;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * W10 profile: a call after 1 ms of idleness, split into its request leg (caller → handler
 * running) and reply leg (handler → caller running again). Each server answers with
 * {@code System.nanoTime()} taken in its handler. Ours and three JVM floors, each from a platform
 * caller and from a virtual-thread caller: a naive virtual-thread mailbox (the server parks in
 * {@code take()}), a new virtual thread per call (what our runtime does to wake an idle server: its
 * runner thread has exited), and a single-thread executor (platform to platform). Prints p50 and
 * p99 of each leg and the bytes allocated per call. With a third argument, records a JFR file over
 * our platform-caller case instead (read it with {@link JfrLayers}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.genserver.benchmarks.profile.SparseCallBreakdown 2000 2 [sparse.jfr]
 * java -Djdk.virtualThreadScheduler.parallelism=1 -cp ... SparseCallBreakdown 2000 2     # one carrier
 * </pre>
 */
public final class SparseCallBreakdown {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private SparseCallBreakdown() {
    }

    /** Answers every call with the time its handler ran. */
    static final class Stamp implements GenServer<Long> {
        @Override
        public Init<Long> init(ServerContext ctx) {
            return Init.ok(0L);
        }

        @Override
        public Result<Long> handleCall(Object request, ReplyTo from, Long state) {
            return Result.reply(System.nanoTime(), state);
        }
    }

    /** One call; returns the {@code System.nanoTime()} of the server's handler. */
    private interface Call {
        long call() throws Exception;
    }

    /**
     * Runs the breakdown.
     *
     * @param args calls per case (default 2000), rounds (default 2), optionally a JFR file
     * @throws Exception if a call failed
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (ProcessRuntime runtime = ProcessRuntime.create()) {
            ServerRef ref = runtime.start(Stamp::new, StartOptions.defaults()).ref();
            Call ours = () -> {
                Long handled = ref.call("stamp");
                return handled;
            };
            if (args.length > 2) {
                record(Path.of(args[2]), ours, n);
                return;
            }
            BlockingQueue<CompletableFuture<Long>> mailbox = new LinkedBlockingQueue<>();
            Thread mailboxServer = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        mailbox.take().complete(System.nanoTime());
                    }
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            });
            Call parkedVirtualThread = () -> {
                CompletableFuture<Long> reply = new CompletableFuture<>();
                mailbox.put(reply);
                return reply.get();
            };
            Call newVirtualThread = () -> {
                CompletableFuture<Long> reply = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> reply.complete(System.nanoTime()));
                return reply.get();
            };
            ExecutorService executor = Executors.newSingleThreadExecutor();
            Call platformThread = () -> executor.submit(System::nanoTime).get();
            for (int round = 1; round <= rounds; round++) {
                System.out.println("-- round " + round);
                measure("ours, platform caller", ours, true, n);
                inVirtualThread(() -> measure("ours, virtual-thread caller", ours, true, n));
                measure("floor: parked virtual thread, platform caller", parkedVirtualThread, true, n);
                inVirtualThread(() -> measure("floor: parked virtual thread, virtual caller", parkedVirtualThread, true, n));
                measure("floor: new virtual thread per call, platform caller", newVirtualThread, true, n);
                inVirtualThread(() -> measure("floor: new virtual thread per call, virtual caller", newVirtualThread, true, n));
                measure("floor: executor, platform to platform", platformThread, true, n);
                measure("ours, platform caller, back to back (no pause)", ours, false, 10 * n);
            }
            executor.shutdownNow();
            mailboxServer.interrupt();
        }
    }

    private static void record(Path jfr, Call ours, int n) throws Exception {
        measure("warm-up", ours, true, n);
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            JfrLayers.enable(recording);
            recording.start();
            measure("recorded: ours, platform caller", ours, true, n);
            recording.stop();
            recording.dump(jfr);
        }
        System.out.printf("JFR: %s (%d calls after %d untimed ones); read it with JfrLayers %s %d%n",
                jfr, n, n / 5, jfr, n + n / 5);
    }

    private static Void measure(String label, Call call, boolean pause, int n) throws Exception {
        for (int i = 0; i < n / 5; i++) {
            if (pause) {
                Thread.sleep(1);
            }
            call.call();
        }
        long[] request = new long[n];
        long[] reply = new long[n];
        long[] total = new long[n];
        long bytes = THREADS.getTotalThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            if (pause) {
                Thread.sleep(1);
            }
            long t0 = System.nanoTime();
            long handled = call.call();
            long t1 = System.nanoTime();
            request[i] = handled - t0;
            reply[i] = t1 - handled;
            total[i] = t1 - t0;
        }
        bytes = THREADS.getTotalThreadAllocatedBytes() - bytes;
        System.out.printf(Locale.ROOT,
                "%-52s call p50 %6.1f p99 %7.1f | request leg p50 %6.1f p99 %7.1f | reply leg p50 %6.1f p99 %7.1f µs | %4d B/call%n",
                label, percentile(total, 50), percentile(total, 99), percentile(request, 50), percentile(request, 99),
                percentile(reply, 50), percentile(reply, 99), bytes / n);
        return null;
    }

    private static void inVirtualThread(Callable<Void> body) throws Exception {
        FutureTask<Void> task = new FutureTask<>(body);
        Thread.ofVirtual().start(task).join();
        task.get();
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e3;
    }
}
