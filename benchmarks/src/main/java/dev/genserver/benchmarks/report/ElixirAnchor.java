package dev.genserver.benchmarks.report;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Elixir anchor script ({@code benchmarks/elixir/anchors.exs}, packed in the jar as
 * {@code elixir/anchors.exs}) when {@code elixir} is on the PATH, and files its figures in the
 * "elixir" column. Its output is {@code key=value} lines; keys following the {@code w<N>_<case>}
 * convention are figures in the row's unit, the others are metadata.
 */
public final class ElixirAnchor {

    /** The report column. */
    public static final String COLUMN = "elixir";

    private static final String SCRIPT = "/elixir/anchors.exs";

    private ElixirAnchor() {
    }

    /**
     * Finds an executable on the PATH.
     *
     * @param name the executable's name
     * @return its path, if found
     */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the script, or marks the column "not measured" when Elixir is not installed.
     *
     * @param profile the profile; {@link Profile#SMOKE} passes {@code --smoke}
     * @param timeout the longest the script may take
     * @param results where the figures go
     * @return the script's metadata (elixir_version, otp_release, ...), empty if it did not run
     */
    public static Map<String, String> run(Profile profile, Duration timeout, Results results) {
        Map<String, String> meta = new LinkedHashMap<>();
        Optional<Path> elixir = onPath("elixir");
        if (elixir.isEmpty()) {
            results.columnNote(COLUMN, "not measured: elixir is not on the PATH (apt-get install elixir)");
            System.out.println("[elixir] elixir not on the PATH: Elixir anchors not measured");
            return meta;
        }
        Path script = null;
        Path out = null;
        try {
            script = Files.createTempFile("anchors", ".exs");
            try (InputStream in = ElixirAnchor.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IOException(SCRIPT + " is not in the jar");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            out = Files.createTempFile("anchors-out", ".txt");
            List<String> command = new ArrayList<>(List.of(elixir.get().toString(), script.toString()));
            if (profile == Profile.SMOKE) {
                command.add("--smoke");
            }
            System.out.println("[elixir] " + String.join(" ", command));
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                results.problem("the Elixir script timed out after " + timeout.toSeconds() + " s");
                results.columnNote(COLUMN, "not measured: the script timed out");
                return meta;
            }
            int figures = 0;
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                Optional<String> row = Naming.row(key);
                if (row.isPresent()) {
                    try {
                        results.put(row.get(), COLUMN, Cell.of(Double.parseDouble(value)));
                        figures++;
                    } catch (NumberFormatException e) {
                        results.problem("Elixir figure " + key + " is not a number: " + value);
                    }
                } else {
                    meta.put(key, value);
                }
            }
            if (process.exitValue() != 0 || figures == 0) {
                results.problem("the Elixir script exited with " + process.exitValue() + " after " + figures + " figures");
                if (figures == 0) {
                    results.columnNote(COLUMN, "not measured: the script failed");
                }
            }
        } catch (IOException e) {
            results.problem("the Elixir script could not run: " + e);
            results.columnNote(COLUMN, "not measured: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Path p : new Path[] {script, out}) {
                if (p != null) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // a temp file left behind is harmless
                    }
                }
            }
        }
        return meta;
    }
}
