package dev.genserver.benchmarks.report;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming convention that maps a benchmark to a report cell.
 *
 * <ul>
 *   <li>Method {@code w<N>_<case>} → row {@code "W<N> <case>"} (e.g. {@code w1_platformCaller} →
 *       "W1 platformCaller"). Methods not following it are left out of the report.</li>
 *   <li>Class {@code <System><Subject>Benchmark} → column: {@code Ours...} → "ours",
 *       {@code Pekko...} → "pekko", {@code Floor<Subject>...} → "floor:&lt;Subject&gt;", anything
 *       else → the class name without "Benchmark", lower-cased.</li>
 * </ul>
 * The Elixir script's keys follow the same method convention and go to the "elixir" column.
 */
public final class Naming {

    /** The column of our own runtime. */
    public static final String OURS = "ours";

    private static final Pattern METHOD = Pattern.compile("w(\\d+)_([A-Za-z0-9]+)");

    private Naming() {
    }

    /**
     * The row a method or Elixir key feeds.
     *
     * @param method a method name such as {@code w3_cast}
     * @return the row key, e.g. {@code "W3 cast"}, or empty if the name does not follow the convention
     */
    public static Optional<String> row(String method) {
        Matcher m = METHOD.matcher(method);
        return m.matches() ? Optional.of("W" + m.group(1) + " " + m.group(2)) : Optional.empty();
    }

    /**
     * The column a benchmark class feeds.
     *
     * @param simpleClassName e.g. {@code PekkoAskBenchmark}
     * @return e.g. {@code "pekko"}
     */
    public static String column(String simpleClassName) {
        String name = simpleClassName.endsWith("Benchmark")
                ? simpleClassName.substring(0, simpleClassName.length() - "Benchmark".length())
                : simpleClassName;
        if (name.startsWith("Ours")) {
            return OURS;
        }
        if (name.startsWith("Pekko")) {
            return "pekko";
        }
        if (name.startsWith("Floor")) {
            return "floor:" + name.substring("Floor".length());
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
