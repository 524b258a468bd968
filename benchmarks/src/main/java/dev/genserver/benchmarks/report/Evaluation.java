package dev.genserver.benchmarks.report;

import dev.genserver.benchmarks.report.Row.Better;
import dev.genserver.benchmarks.report.Row.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluated report row: ours, each anchor, ours ÷ each anchor, and whether the target is met.
 *
 * @param row     the catalog row (or a synthesized one for results outside the catalog)
 * @param ours    our figure, or why it is missing ("pending")
 * @param anchors every anchor's figure by column, expected anchors first, then floors and others
 * @param ratios  ours ÷ anchor by column, {@code null} where either is missing
 * @param met     {@code true}/{@code false}, or {@code null} when it cannot be said yet
 * @param metNote why {@code met} is {@code null}, which parts failed, or what could not be checked
 */
public record Evaluation(Row row, Cell ours, Map<String, Cell> anchors, Map<String, Double> ratios,
                         Boolean met, String metNote) {

    /**
     * Evaluates every catalog row, then every row that has results but is not in the catalog.
     *
     * @param results the run's results
     * @return the rows in report order
     */
    public static List<Evaluation> all(Results results) {
        List<Evaluation> rows = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (Row row : Workloads.rows()) {
            rows.add(of(row, results));
            known.add(row.key());
        }
        for (String key : results.rowKeys()) {
            if (!known.contains(key)) {
                String unit = results.extraUnit(key);
                Better better = unit.contains("/op") ? Better.LOWER : Better.HIGHER;
                rows.add(of(new Row(key, "(not in the catalog: add it to Workloads)", unit, better,
                        List.of(), "—", List.of()), results));
            }
        }
        return rows;
    }

    /**
     * Evaluates one row.
     *
     * @param row     the row
     * @param results the run's results
     * @return the evaluation
     */
    public static Evaluation of(Row row, Results results) {
        Cell ours = results.get(row.key(), Naming.OURS).orElse(Cell.missing("pending"));
        Map<String, Cell> anchors = new LinkedHashMap<>();
        for (String column : row.anchors()) {
            anchors.put(column, results.get(row.key(), column).orElse(
                    Cell.missing(results.columnNote(column).orElse("not measured"))));
        }
        List<String> others = new ArrayList<>(results.columns(row.key()));
        others.removeIf(c -> c.equals(Naming.OURS) || anchors.containsKey(c));
        others.sort((a, b) -> Boolean.compare(a.startsWith("floor:"), b.startsWith("floor:")));
        for (String column : others) {
            anchors.put(column, results.get(row.key(), column).orElseThrow());
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        anchors.forEach((column, cell) -> ratios.put(column,
                ours.measured() && cell.measured() && cell.value() != 0 ? ours.value() / cell.value() : null));

        if (row.conditions().isEmpty()) {
            return new Evaluation(row, ours, anchors, ratios, null, "no target");
        }
        boolean hasFits = row.conditions().stream().anyMatch(c -> c.reference().equals(Condition.FITS));
        if (!ours.measured()) {
            if (hasFits && Cell.DID_NOT_FIT.equals(ours.note())) {
                return new Evaluation(row, ours, anchors, ratios, false, Cell.DID_NOT_FIT);
            }
            return new Evaluation(row, ours, anchors, ratios, null, ours.note());
        }
        List<String> failed = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        boolean checked = false;
        for (Condition c : row.conditions()) {
            if (c.reference().equals(Condition.FITS)) {
                checked = true;
                continue;
            }
            String sign = row.better() == Better.LOWER ? "≤" : "≥";
            if (c.reference().equals(Condition.ABSOLUTE)) {
                checked = true;
                boolean ok = row.better() == Better.LOWER ? ours.value() <= c.factor() : ours.value() >= c.factor();
                if (!ok) {
                    failed.add(String.format(Locale.ROOT, "%s %.0f %s (ours: %.0f)", sign, c.factor(), row.unit(),
                            ours.value()));
                }
                continue;
            }
            Cell ref = reference(c.reference(), row, results);
            if (!ref.measured()) {
                unchecked.add(c.reference());
                continue;
            }
            checked = true;
            double bound = c.factor() * ref.value();
            boolean ok = row.better() == Better.LOWER ? ours.value() <= bound : ours.value() >= bound;
            if (!ok) {
                failed.add(String.format(Locale.ROOT, "%s %s %s × %s", sign,
                        trim(c.factor()), c.reference(), "(" + trim(ours.value() / ref.value()) + "×)"));
            }
        }
        if (!failed.isEmpty()) {
            return new Evaluation(row, ours, anchors, ratios, false, "missed: " + String.join("; ", failed));
        }
        if (!checked) {
            return new Evaluation(row, ours, anchors, ratios, null, "not checked: " + String.join(", ", unchecked) + " not measured");
        }
        return new Evaluation(row, ours, anchors, ratios, true,
                unchecked.isEmpty() ? null : "partly checked: " + String.join(", ", unchecked) + " not measured");
    }

    /** The figure a condition compares with: {@code ours:<row>}, {@code <column>@<row>}, or a column of this row. */
    private static Cell reference(String reference, Row row, Results results) {
        if (reference.startsWith("ours:")) {
            return results.get(reference.substring(5), Naming.OURS).orElse(Cell.missing("pending"));
        }
        int at = reference.indexOf('@');
        if (at > 0) {
            return results.get(reference.substring(at + 1), reference.substring(0, at))
                    .orElse(Cell.missing("not measured"));
        }
        return results.get(row.key(), reference).orElse(Cell.missing("not measured"));
    }

    private static String trim(double d) {
        return String.format(Locale.ROOT, "%.3g", d);
    }
}
