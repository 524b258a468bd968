package dev.genserver.benchmarks.profile;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Times a phase of operations and counts the bytes allocated meanwhile by all threads (carrier
 * threads included, so the work of virtual threads is counted too).
 */
final class Phases {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private int next;

    /**
     * Runs {@code op} for {@code n} consecutive operation numbers, continuing where the previous
     * phase stopped, and prints µs and bytes allocated per operation.
     *
     * @param label what the phase does
     * @param n     operations
     * @param op    one operation, given its number
     */
    void run(String label, int n, IntConsumer op) {
        System.gc();
        long bytes = THREADS.getTotalThreadAllocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            op.accept(next++);
        }
        long nanos = System.nanoTime() - start;
        bytes = THREADS.getTotalThreadAllocatedBytes() - bytes;
        System.out.printf(Locale.ROOT, "%-62s %9.2f µs/op %8d B/op%n", label, nanos / 1e3 / n, bytes / n);
    }

    /**
     * The operation number the next phase starts at.
     *
     * @return the number
     */
    int next() {
        return next;
    }
}
