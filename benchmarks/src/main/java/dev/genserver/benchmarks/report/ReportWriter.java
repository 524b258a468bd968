package dev.genserver.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code latest.md} (a table for people) and {@code latest.json} (one object per row, for
 * tools) from the evaluated rows.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /**
     * Renders the Markdown report.
     *
     * @param rows    the evaluated rows
     * @param results the run's results (header facts, notes, problems)
     * @return the Markdown text
     */
    public static String markdown(List<Evaluation> rows, Results results) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark report: ours beside Elixir, Pekko and the JVM floor\n\n");
        results.info().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append('\n');
        md.append("| Workload | Unit | Ours | Elixir | Pekko | JVM floor | Ours ÷ Elixir | Ours ÷ Pekko | Ours ÷ floor | Target | Met |\n");
        md.append("|---|---|---:|---:|---:|---|---:|---:|---|---|---|\n");
        for (Evaluation e : rows) {
            String unit = e.row().unit();
            md.append("| ").append(e.row().key())
                    .append(" | ").append(unit)
                    .append(" | ").append(cell(e.ours(), unit))
                    .append(" | ").append(anchor(e, "elixir", unit))
                    .append(" | ").append(anchor(e, "pekko", unit))
                    .append(" | ").append(others(e, unit, false))
                    .append(" | ").append(ratio(e.ratios().get("elixir")))
                    .append(" | ").append(ratio(e.ratios().get("pekko")))
                    .append(" | ").append(others(e, unit, true))
                    .append(" | ").append(e.row().targetText())
                    .append(" | ").append(met(e))
                    .append(" |\n");
        }
        md.append("""

                Ratios are ours ÷ anchor in the row's unit: below 1 is better for µs and bytes, above 1 \
                for rates. "pending" means our runtime has no benchmark for the row yet; "not measured" \
                means the anchor could not run here (see the notes).

                ## Workloads

                """);
        for (Evaluation e : rows) {
            md.append("- **").append(e.row().key()).append("**: ").append(e.row().title());
            if (e.metNote() != null && !e.metNote().equals("no target") && !e.metNote().equals("pending")) {
                md.append(" — target: ").append(e.metNote());
            }
            md.append('\n');
        }
        md.append("""

                Anchors: Elixir runs `benchmarks/elixir/anchors.exs` (median of its rounds); Pekko and the JVM \
                floor are JMH benchmarks in `dev.genserver.benchmarks.baseline` (mean score; W7, W8 and W10 \
                quote the median of JMH's sample-time distribution, W10 sparseP99 its 99th percentile); W6, \
                W9 keyedHeap and W11 keyedHeap run `IdleFootprint` in one fresh `-Xmx1g` JVM per runtime and \
                size. Pekko W7 crashes the actor (typed has no external kill that restarts); Elixir W7 kills \
                the child with `Process.exit(pid, :kill)`.
                """);
        List<String> notes = new ArrayList<>();
        for (String column : List.of("elixir", "pekko", Naming.OURS)) {
            results.columnNote(column).ifPresent(n -> notes.add(column + ": " + n));
        }
        notes.addAll(results.problems());
        if (!notes.isEmpty()) {
            md.append("\n## Notes and problems\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    /**
     * Renders the JSON report.
     *
     * @param rows    the evaluated rows
     * @param results the run's results
     * @return the JSON text
     */
    public static String json(List<Evaluation> rows, Results results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("info", results.info());
        List<Object> workloads = new ArrayList<>();
        for (Evaluation e : rows) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("name", e.row().key());
            w.put("workload", e.row().key().split(" ")[0]);
            w.put("title", e.row().title());
            w.put("unit", e.row().unit());
            w.put("better", e.row().better().name().toLowerCase(Locale.ROOT));
            w.put("ours", e.ours().measured() ? e.ours().value() : null);
            if (!e.ours().measured()) {
                w.put("oursNote", e.ours().note());
            }
            Map<String, Object> anchors = new LinkedHashMap<>();
            Map<String, Object> anchorNotes = new LinkedHashMap<>();
            e.anchors().forEach((column, cell) -> {
                anchors.put(column, cell.measured() ? cell.value() : null);
                if (!cell.measured()) {
                    anchorNotes.put(column, cell.note());
                }
            });
            w.put("anchors", anchors);
            if (!anchorNotes.isEmpty()) {
                w.put("anchorNotes", anchorNotes);
            }
            w.put("ratios", new LinkedHashMap<>(e.ratios()));
            w.put("target", e.row().targetText());
            w.put("met", e.met());
            w.put("metNote", e.metNote());
            workloads.add(w);
        }
        root.put("workloads", workloads);
        root.put("problems", results.problems());
        return Json.write(root);
    }

    /**
     * Writes {@code latest.md} and {@code latest.json} into a directory.
     *
     * @param dir     the results directory (created if missing)
     * @param rows    the evaluated rows
     * @param results the run's results
     * @return the Markdown text
     * @throws IOException if writing failed
     */
    public static String write(Path dir, List<Evaluation> rows, Results results) throws IOException {
        Files.createDirectories(dir);
        String md = markdown(rows, results);
        Files.writeString(dir.resolve("latest.md"), md, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latest.json"), json(rows, results), StandardCharsets.UTF_8);
        return md;
    }

    private static String anchor(Evaluation e, String column, String unit) {
        Cell c = e.anchors().get(column);
        return c == null ? "—" : cell(c, unit);
    }

    private static String others(Evaluation e, String unit, boolean ratios) {
        if (ratios && !e.ours().measured()) {
            return "—";
        }
        List<String> parts = new ArrayList<>();
        e.anchors().forEach((column, c) -> {
            if (column.equals("elixir") || column.equals("pekko")) {
                return;
            }
            String label = column.startsWith("floor:") ? column.substring(6) : column;
            parts.add(label + " " + (ratios ? ratio(e.ratios().get(column)) : cell(c, unit)));
        });
        return parts.isEmpty() ? "—" : String.join("; ", parts);
    }

    private static String cell(Cell c, String unit) {
        if (!c.measured()) {
            return c.note() == null ? "—" : (c.note().startsWith("not measured") ? "not measured" : c.note());
        }
        return number(c.value(), unit);
    }

    /**
     * Formats a figure: rates in millions, others with 3 significant digits.
     *
     * @param v    the figure
     * @param unit its unit
     * @return the text
     */
    static String number(double v, String unit) {
        if (unit.endsWith("/s")) {
            return String.format(Locale.ROOT, "%.3g M", v / 1e6);
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String ratio(Double r) {
        if (r == null) {
            return "—";
        }
        return Math.abs(r) >= 1000 ? String.format(Locale.ROOT, "%,.0f×", r) : String.format(Locale.ROOT, "%.3g×", r);
    }

    private static String met(Evaluation e) {
        if (e.met() == null) {
            return e.metNote() == null || e.metNote().equals("no target") ? "—" : e.metNote();
        }
        return e.met() ? (e.metNote() == null ? "yes" : "yes (" + e.metNote() + ")") : "**no**";
    }
}
