package dev.genserver.benchmarks.report;

import dev.genserver.benchmarks.footprint.IdleFootprint;
import dev.genserver.benchmarks.footprint.IdleSpawners;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link IdleFootprint} in a fresh {@code -Xmx1g} JVM for every registered runtime
 * ({@link IdleSpawners}) and server count, and files the bytes per server.
 */
public final class FootprintSuite {

    /** Heap of every footprint JVM, as the W6 target states it. */
    public static final String MAX_HEAP = "-Xmx1g";

    private static final Pattern LINE = Pattern.compile("FOOTPRINT .*\\bbytes_per_server=([0-9.]+)\\b.*");

    private FootprintSuite() {
    }

    /**
     * Runs the footprint JVMs.
     *
     * @param sizes   server counts to measure, or {@code null} for every count a runtime registered
     * @param timeout the longest one JVM may take (a heap close to full can make the GC thrash)
     * @param results where the figures go
     */
    public static void run(Set<Integer> sizes, Duration timeout, Results results) {
        for (IdleSpawners.Entry entry : IdleSpawners.all()) {
            for (Map.Entry<Integer, String> size : entry.rows().entrySet()) {
                if (sizes == null || sizes.contains(size.getKey())) {
                    Cell cell = measure(entry.name(), size.getKey(), timeout, results);
                    results.put(size.getValue(), entry.column(), cell);
                }
            }
        }
    }

    private static Cell measure(String spawner, int n, Duration timeout, Results results) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = absoluteClassPath();
        List<String> command = new ArrayList<>(List.of(java, MAX_HEAP, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(JmhSuite.forkedJvmArgs());
        command.addAll(List.of("-cp", classPath, IdleFootprint.class.getName(), spawner, Integer.toString(n)));
        System.out.printf("[footprint] %s × %,d in %s ...%n", spawner, n, MAX_HEAP);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("footprint-out", ".txt");
            err = Files.createTempFile("footprint-err", ".txt");
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                String note = "timed out after " + timeout.toSeconds() + " s (the heap is likely too small: GC thrashing)";
                System.out.println("[footprint]   " + note);
                return Cell.missing(note);
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            for (String line : stdout.split("\n")) {
                Matcher m = LINE.matcher(line.strip());
                if (m.matches()) {
                    System.out.println("[footprint]   " + line.strip());
                    return Cell.of(Double.parseDouble(m.group(1)));
                }
            }
            if (stderr.contains("OutOfMemoryError") || stdout.contains("OutOfMemoryError")) {
                System.out.println("[footprint]   " + Cell.DID_NOT_FIT);
                return Cell.missing(Cell.DID_NOT_FIT);
            }
            results.problem("footprint " + spawner + " × " + n + " failed (exit " + process.exitValue() + "): "
                    + tail(stderr + stdout));
            return Cell.missing("failed (exit " + process.exitValue() + ")");
        } catch (IOException e) {
            results.problem("footprint " + spawner + " × " + n + ": " + e);
            return Cell.missing("failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cell.missing("interrupted");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() <= 600 ? t : "..." + t.substring(t.length() - 600);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
