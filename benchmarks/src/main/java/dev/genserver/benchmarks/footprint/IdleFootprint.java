package dev.genserver.benchmarks.footprint;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * W6 harness, run in a JVM of its own (the report starts it with {@code -Xmx1g}): starts a
 * runtime, spawns a warm-up batch, takes a GC'd heap reading, spawns N idle servers, takes another,
 * and prints one line:
 *
 * <pre>FOOTPRINT spawner=pekko n=100000 bytes_per_server=845.3 heap_before=... heap_after=... max_heap=... fits=true</pre>
 *
 * <p>If N servers do not fit, the JVM (started with {@code -XX:+ExitOnOutOfMemoryError}) exits
 * without that line and with a non-zero status, which the report reads as "did not fit".
 *
 * <p>Usage: {@code IdleFootprint <spawner> <n>}; {@code IdleFootprint --list} prints the names.
 */
public final class IdleFootprint {

    /** Servers spawned and kept before the baseline reading, so class loading and caches are not counted. */
    public static final int WARM_UP = 1_000;

    private IdleFootprint() {
    }

    /**
     * Runs the harness.
     *
     * @param args {@code <spawner> <n>} or {@code --list}
     * @throws Exception if the runtime failed
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--list")) {
            IdleSpawners.all().forEach(e -> System.out.println(e.name() + " -> " + e.column()));
            return;
        }
        if (args.length != 2) {
            System.err.println("usage: IdleFootprint <spawner> <n> | --list");
            System.exit(2);
        }
        String name = args[0];
        int n = Integer.parseInt(args[1].replace("_", ""));
        IdleSpawner spawner = IdleSpawners.get(name).factory().get();
        spawner.spawn(WARM_UP);
        long before = settledHeap();
        spawner.spawn(n);
        long after = settledHeap();
        long max = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT,
                "FOOTPRINT spawner=%s n=%d bytes_per_server=%.1f heap_before=%d heap_after=%d max_heap=%d fits=true%n",
                name, n, (after - before) / (double) n, before, after, max);
        System.out.flush();
        spawner.shutdown();
        System.exit(0);
    }

    /**
     * Used heap after full collections, repeated until two readings agree within 0.5% (at most 10).
     *
     * @return used heap bytes
     */
    static long settledHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 10; i++) {
            System.gc();
            used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) <= used / 200) {
                break;
            }
            previous = used;
        }
        return used;
    }
}
