package dev.genserver.benchmarks.profile;

import dev.genserver.benchmarks.ours.KeyedCounters;
import dev.genserver.benchmarks.ours.sessions.Sessions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * W9 / W11 heap, by class: activates 1,000 keys, takes a class histogram of the live heap (the
 * JVM's {@code GC.class_histogram}, after a full collection), activates N more keys, takes another,
 * and prints the difference per keyed server, class by class. {@code spring} activates through the
 * starter (the W11 application, {@link Sessions}); {@code core} through {@link KeyedCounters}
 * (registry, dynamic supervisor, no Spring: W9's keyed server).
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.genserver.benchmarks.profile.HeapByClass spring 100000
 * </pre>
 */
public final class HeapByClass {

    private HeapByClass() {
    }

    /**
     * Runs the comparison.
     *
     * @param args {@code spring} or {@code core}, then the number of keys
     * @throws JMException if the histogram could not be taken
     */
    public static void main(String[] args) throws JMException {
        if (args.length != 2 || !List.of("spring", "core").contains(args[0])) {
            System.err.println("usage: HeapByClass spring|core <keys>");
            System.exit(2);
        }
        int n = Integer.parseInt(args[1].replace("_", ""));
        boolean spring = args[0].equals("spring");
        try (Sessions sessions = spring ? new Sessions() : null;
             KeyedCounters core = spring ? null : new KeyedCounters()) {
            IntConsumer activate = spring ? sessions::activate : i -> core.increment(KeyedCounters.key(i));
            for (int i = 0; i < 1_000; i++) {
                activate.accept(i);
            }
            Map<String, long[]> before = histogram();
            for (int i = 1_000; i < 1_000 + n; i++) {
                activate.accept(i);
            }
            Map<String, long[]> after = histogram();
            print(args[0], n, before, after);
        }
    }

    private static void print(String mode, int n, Map<String, long[]> before, Map<String, long[]> after) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] delta = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
            total += delta[1];
            if (Math.abs(delta[1]) >= 4L * n) {
                rows.add(Map.entry(e.getKey(), delta));
            }
        }
        rows.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        System.out.printf(Locale.ROOT, "%s: %.0f B of live heap per keyed server (%,d keys)%n", mode, total / (double) n, n);
        for (Map.Entry<String, long[]> r : rows) {
            System.out.printf(Locale.ROOT, "  %7.1f B  %5.2f objects  %s%n",
                    r.getValue()[1] / (double) n, r.getValue()[0] / (double) n, r.getKey());
        }
    }

    /** Instances and bytes by class name, from {@code GC.class_histogram} (which collects first). */
    private static Map<String, long[]> histogram() throws JMException {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] cols = line.strip().split("\\s+");
            if (cols.length >= 4 && cols[0].endsWith(":")) {
                classes.put(cols[3], new long[] {Long.parseLong(cols[1]), Long.parseLong(cols[2])});
            }
        }
        return classes;
    }
}
