package dev.genserver.benchmarks;

import dev.genserver.benchmarks.baseline.PekkoSupport;
import dev.genserver.benchmarks.report.ElixirAnchor;
import dev.genserver.benchmarks.report.Evaluation;
import dev.genserver.benchmarks.report.FootprintSuite;
import dev.genserver.benchmarks.report.JmhSuite;
import dev.genserver.benchmarks.report.Naming;
import dev.genserver.benchmarks.report.Profile;
import dev.genserver.benchmarks.report.ReportWriter;
import dev.genserver.benchmarks.report.Results;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark runner: runs the JMH benchmarks (anchors and ours), the W6 footprint JVMs and the
 * Elixir anchor script, then writes {@code latest.md} and {@code latest.json} into the results
 * directory and prints the Markdown.
 *
 * <p>Usage (see {@code benchmarks/README.md}; {@code benchmarks/run.sh} finds a JDK 21+ and builds first):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick | --smoke] [--only REGEX]
 *      [--no-jmh] [--no-footprint] [--no-elixir] [--sizes 1000,100000] [--out DIR]
 * </pre>
 */
public final class Report {

    private Report() {
    }

    /**
     * Runs the suite.
     *
     * @param args command-line options, see the class comment
     * @throws Exception if the report could not be written
     */
    public static void main(String[] args) throws Exception {
        Profile profile = Profile.QUICK;
        String include = JmhSuite.ALL;
        boolean jmh = true;
        boolean footprint = true;
        boolean elixir = true;
        Set<Integer> sizes = null;
        Path out = defaultOut();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> profile = Profile.QUICK;
                case "--smoke" -> profile = Profile.SMOKE;
                case "--only" -> include = args[++i];
                case "--no-jmh" -> jmh = false;
                case "--no-footprint" -> footprint = false;
                case "--no-elixir" -> elixir = false;
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(","))
                        .map(s -> Integer.parseInt(s.strip().replace("_", ""))).collect(Collectors.toSet());
                case "--out" -> out = Path.of(args[++i]);
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("unknown option " + args[i]);
                    usage();
                    System.exit(2);
                }
            }
        }

        Instant start = Instant.now();
        Results results = new Results();
        results.info("generated", start.truncatedTo(ChronoUnit.SECONDS).toString());
        results.info("profile", profile.name().toLowerCase() + (include.equals(JmhSuite.ALL) ? "" : " (only " + include + ")"));
        results.info("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        results.info("JVM", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
                + " " + Runtime.version() + "; JMH " + org.openjdk.jmh.util.Version.getPlainVersion());
        results.info("Pekko", "Apache Pekko typed " + PekkoSupport.version());
        String loadAtStart = loadAverage();

        if (elixir) {
            Map<String, String> meta = ElixirAnchor.run(profile, Duration.ofMinutes(10), results);
            if (!meta.isEmpty()) {
                results.info("Elixir", "Elixir " + meta.getOrDefault("elixir_version", "?") + " / OTP "
                        + meta.getOrDefault("otp_release", "?") + ", " + meta.getOrDefault("schedulers", "?")
                        + " schedulers, median of " + meta.getOrDefault("rounds", "?") + " round(s)");
            }
        } else {
            results.columnNote(ElixirAnchor.COLUMN, "not measured: skipped (--no-elixir)");
        }
        if (footprint) {
            FootprintSuite.run(sizes, Duration.ofMinutes(profile == Profile.SMOKE ? 2 : 4), results);
        }
        if (jmh) {
            Files.createDirectories(out);
            JmhSuite.run(profile, include, out.resolve("jmh-result.json"), results);
        }

        long ours = results.rowKeys().stream().filter(r -> results.get(r, Naming.OURS).isPresent()).count();
        results.info("ours", ours == 0
                ? "pending: no benchmark in dev.genserver.benchmarks.ours and no \"ours\" footprint spawner yet"
                : ours + " row(s) measured");
        results.info("load average (1/5/15 min) at start → end", loadAtStart + " → " + loadAverage()
                + " (on 2 cores, anything above ~0.5 at start means another process competed)");
        results.info("wall time", Duration.between(start, Instant.now()).truncatedTo(ChronoUnit.SECONDS)
                .toString().substring(2).toLowerCase());

        List<Evaluation> rows = Evaluation.all(results);
        String md = ReportWriter.write(out, rows, results);
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        stdout.println();
        stdout.println(md);
        stdout.println("Written: " + out.resolve("latest.md") + " and " + out.resolve("latest.json"));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return String.format(java.util.Locale.ROOT, "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static Path defaultOut() {
        Path benchmarks = Path.of("benchmarks");
        return Files.isDirectory(benchmarks.resolve("elixir")) ? benchmarks.resolve("results") : Path.of("results");
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar benchmarks.jar [--quick | --smoke] [--only REGEX] [--no-jmh] [--no-footprint]
                                                [--no-elixir] [--sizes 1000,100000,1000000] [--out DIR]
                  --quick         every benchmark with its own small JMH config; Elixir median of 3 (default)
                  --smoke         1 warm-up + 1 measured iteration of 1 s each; Elixir 1 small round
                  --only REGEX    JMH benchmarks to run (default: all of dev.genserver.benchmarks)
                  --sizes LIST    footprint server counts to run (default: all registered)
                  --out DIR       where latest.md / latest.json go (default: benchmarks/results)""");
    }
}
