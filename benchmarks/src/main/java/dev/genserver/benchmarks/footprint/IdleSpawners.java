package dev.genserver.benchmarks.footprint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registry of runtimes whose idle footprint the report measures.
 *
 * <p>To measure our runtime, add one line to {@link #ALL}, for example
 * {@code register("ours", "ours", W6, OursIdleSpawner::new)}: the report then runs the harness for
 * it at every size of the rows given, and puts the result in the "ours" column.
 */
public final class IdleSpawners {

    /**
     * One registered runtime.
     *
     * @param name    the harness's command-line name for it
     * @param column  the report column its results go to ("ours", "pekko", "floor:&lt;Subject&gt;")
     * @param rows    report row for each server count measured
     * @param factory starts the runtime and returns its spawner
     */
    public record Entry(String name, String column, Map<Integer, String> rows, Supplier<IdleSpawner> factory) {
    }

    /** The W6 rows: 1k, 100k and 1M idle servers. */
    public static final Map<Integer, String> W6 = rows(1_000, "W6 idle1k", 100_000, "W6 idle100k", 1_000_000, "W6 idle1M");

    private static final Map<String, Entry> ALL = new LinkedHashMap<>();

    static {
        register("pekko", "pekko", W6, PekkoIdleSpawner::new);
        register("floor-vthread", "floor:VirtualThreadMailbox", W6, VirtualThreadIdleSpawner::new);
        register("ours", "ours", W6, OursIdleSpawner::new);
        register("ours-keyed", "ours", rows(100_000, "W9 keyedHeap"), OursKeyedSpawner::new);
        register("ours-spring-keyed", "ours", rows(100_000, "W11 keyedHeap"), OursSpringKeyedSpawner::new);
    }

    private IdleSpawners() {
    }

    private static void register(String name, String column, Map<Integer, String> rows, Supplier<IdleSpawner> factory) {
        ALL.put(name, new Entry(name, column, rows, factory));
    }

    private static Map<Integer, String> rows(Object... countThenRow) {
        Map<Integer, String> rows = new LinkedHashMap<>();
        for (int i = 0; i < countThenRow.length; i += 2) {
            rows.put((Integer) countThenRow[i], (String) countThenRow[i + 1]);
        }
        return rows;
    }

    /**
     * Every registered runtime, in registration order.
     *
     * @return the entries
     */
    public static List<Entry> all() {
        return List.copyOf(ALL.values());
    }

    /**
     * The runtime registered under a name.
     *
     * @param name its name
     * @return its entry
     * @throws IllegalArgumentException if no runtime has that name
     */
    public static Entry get(String name) {
        Entry e = ALL.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown spawner '" + name + "'; known: " + ALL.keySet());
        }
        return e;
    }
}
