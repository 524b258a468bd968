package dev.genserver.benchmarks.profile;

import dev.genserver.benchmarks.baseline.FloorVirtualThreadRestartBenchmark;
import dev.genserver.benchmarks.ours.OursRestartBenchmark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * W7, hand-off by hand-off: runs N crash-and-restart cycles of ours ({@link OursRestartBenchmark},
 * a counter under a one-for-one supervisor: crash, then the first answered call) and N of the JVM
 * floor ({@link FloorVirtualThreadRestartBenchmark}: a bare thread dies, a watcher starts a new
 * one, the call is answered), each under a JFR recording, then prints for both the median time
 * (a ratio of the two in one JVM; the times themselves depend on the machine's load) and, through
 * {@link JfrLayers}, the virtual-thread starts and thread parks per restart (which do not).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.genserver.benchmarks.profile.RestartBreakdown 20000 /tmp
 * </pre>
 */
public final class RestartBreakdown {

    private RestartBreakdown() {
    }

    /**
     * Runs both cases.
     *
     * @param args the number of restarts per case (also run once untimed as warm-up), then
     *             optionally the directory for the two recordings
     * @throws Exception if a case fails
     */
    public static void main(String[] args) throws Exception {
        // The crash reports would print two stack traces per restart: off, as in the benchmark's fork.
        System.setProperty("org.slf4j.simpleLogger.log.dev.genserver", "off");
        if (args.length < 1) {
            System.err.println("usage: RestartBreakdown <restarts> [dir]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0].replace("_", ""));
        Path dir = Path.of(args.length > 1 ? args[1] : ".");
        OursRestartBenchmark ours = new OursRestartBenchmark();
        FloorVirtualThreadRestartBenchmark floor = new FloorVirtualThreadRestartBenchmark();
        ours.setUp();
        floor.setUp();
        try {
            run(n, ours::w7_restart);
            run(n, floor::w7_restart);
            Path oursFile = dir.resolve("restart-ours.jfr");
            Path floorFile = dir.resolve("restart-floor.jfr");
            double oursMedian = recorded(oursFile, n, ours::w7_restart);
            double floorMedian = recorded(floorFile, n, floor::w7_restart);
            System.out.printf(Locale.ROOT, "median µs per restart: ours %.1f, floor %.1f (ours / floor %.2f)%n",
                    oursMedian, floorMedian, oursMedian / floorMedian);
            System.out.println("\n==== ours ====");
            JfrLayers.main(new String[] {oursFile.toString(), Integer.toString(n)});
            System.out.println("\n==== floor ====");
            JfrLayers.main(new String[] {floorFile.toString(), Integer.toString(n)});
        } finally {
            ours.tearDown();
            floor.tearDown();
        }
    }

    private static double recorded(Path file, int n, LongSupplier restart) throws Exception {
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            JfrLayers.enable(recording);
            recording.start();
            double median = run(n, restart);
            recording.stop();
            recording.dump(file);
            return median;
        }
    }

    /** Runs n restarts; returns the median in µs. */
    private static double run(int n, LongSupplier restart) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            if (restart.getAsLong() != 1) {
                throw new IllegalStateException("the restarted server did not start afresh");
            }
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos[n / 2] / 1_000.0;
    }
}
