package dev.genserver.benchmarks.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH benchmarks of the jar programmatically and files each result under its row and
 * column (see {@link Naming}). {@code SampleTime} benchmarks are quoted by their median, all others
 * by their JMH score; a {@code SampleTime} benchmark also fills its percentile rows
 * ({@code "W10 sparseP99"} beside {@code "W10 sparse"}).
 */
public final class JmhSuite {

    /** Every benchmark of the project: anchors and ours. */
    public static final String ALL = "dev\\.genserver\\.benchmarks\\..*";

    private JmhSuite() {
    }

    /**
     * JVM options for every forked JVM (benchmark forks and footprint JVMs): on JDK 23+, let
     * Pekko's use of {@code sun.misc.Unsafe} through without a warning.
     *
     * @return the options, possibly none
     */
    public static List<String> forkedJvmArgs() {
        List<String> args = new ArrayList<>();
        if (Runtime.version().feature() >= 23) {
            args.add("--sun-misc-unsafe-memory-access=allow");
        }
        return args;
    }

    /**
     * Runs the benchmarks.
     *
     * @param profile  how long
     * @param include  regular expression of benchmarks to run ({@link #ALL} for all)
     * @param jmhJson  where JMH writes its own JSON result file
     * @param results  where the figures go
     */
    public static void run(Profile profile, String include, Path jmhJson, Results results) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .shouldFailOnError(false)
                .verbosity(VerboseMode.NORMAL)
                .resultFormat(ResultFormatType.JSON)
                .result(jmhJson.toString())
                .jvmArgsAppend(forkedJvmArgs().toArray(String[]::new));
        if (profile == Profile.SMOKE) {
            options.forks(1)
                    .warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(1).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> runs;
        try {
            runs = new Runner(options.build()).run();
        } catch (RunnerException e) {
            results.problem("JMH failed: " + e);
            return;
        }
        for (RunResult run : runs) {
            file(run, results);
        }
    }

    private static void file(RunResult run, Results results) {
        String benchmark = run.getParams().getBenchmark();
        int dot = benchmark.lastIndexOf('.');
        String method = benchmark.substring(dot + 1);
        String className = benchmark.substring(0, dot);
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        Optional<String> rowKey = Naming.row(method);
        if (rowKey.isEmpty()) {
            results.problem("benchmark " + benchmark + " does not follow the w<N>_<case> naming; left out");
            return;
        }
        String column = Naming.column(simpleName);
        Result<?> primary = run.getPrimaryResult();
        double score = primary.getScore();
        if (run.getParams().getMode() == Mode.SampleTime) {
            score = primary.getStatistics().getPercentile(50);
        }
        String jmhUnit = primary.getScoreUnit();
        Optional<Row> row = Workloads.rows().stream().filter(r -> r.key().equals(rowKey.get())).findFirst();
        try {
            double value;
            if (row.isPresent()) {
                value = Units.convert(score, jmhUnit, row.get().unit());
            } else {
                results.extraUnit(rowKey.get(), jmhUnit);
                value = score;
            }
            results.put(rowKey.get(), column, Cell.of(value));
            if (run.getParams().getMode() == Mode.SampleTime) {
                filePercentiles(rowKey.get(), column, primary, results);
            }
        } catch (IllegalArgumentException e) {
            results.problem("benchmark " + benchmark + ": " + e.getMessage());
        }
    }

    /**
     * A sampled benchmark also feeds every catalog row named after its own row plus
     * {@code P<percentile>} ("W10 sparse" → "W10 sparseP99") with that percentile of its samples.
     */
    private static void filePercentiles(String rowKey, String column, Result<?> primary, Results results) {
        for (Row row : Workloads.rows()) {
            OptionalDouble percentile = percentileOf(rowKey, row.key());
            if (percentile.isPresent()) {
                double score = primary.getStatistics().getPercentile(percentile.getAsDouble());
                results.put(row.key(), column, Cell.of(Units.convert(score, primary.getScoreUnit(), row.unit())));
            }
        }
    }

    /**
     * The percentile a row asks of a sampled benchmark's row: {@code percentileOf("W10 sparse",
     * "W10 sparseP99")} is 99; empty for any other row.
     *
     * @param sampledRow the sampled benchmark's row key
     * @param candidate  another row key
     * @return the percentile (0, 100], if the candidate is a percentile row of the sampled one
     */
    static OptionalDouble percentileOf(String sampledRow, String candidate) {
        String prefix = sampledRow + "P";
        if (!candidate.startsWith(prefix) || candidate.length() == prefix.length()) {
            return OptionalDouble.empty();
        }
        String digits = candidate.substring(prefix.length());
        if (!digits.chars().allMatch(Character::isDigit)) {
            return OptionalDouble.empty();
        }
        double p = Integer.parseInt(digits);
        // "P999" is the 99.9th percentile, as JMH prints it
        while (p > 100) {
            p /= 10;
        }
        return p > 0 ? OptionalDouble.of(p) : OptionalDouble.empty();
    }
}
