package dev.genserver.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run measured: cells by row and column, facts for the report header, reasons why
 * whole columns are missing, and problems met on the way.
 */
public final class Results {

    private final Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
    private final Map<String, String> extraUnits = new LinkedHashMap<>();
    private final Map<String, String> columnNotes = new LinkedHashMap<>();
    private final Map<String, String> info = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** An empty result set. */
    public Results() {
    }

    /**
     * Records a cell, replacing (with a problem noted) any earlier cell of the same row and column.
     *
     * @param row    the row key
     * @param column the column
     * @param cell   the figure
     */
    public synchronized void put(String row, String column, Cell cell) {
        Cell old = cells.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(column, cell);
        if (old != null) {
            problems.add("two results for " + row + " / " + column + "; the later one is shown");
        }
    }

    /**
     * A cell.
     *
     * @param row    the row key
     * @param column the column
     * @return the cell, if any
     */
    public synchronized Optional<Cell> get(String row, String column) {
        return Optional.ofNullable(cells.getOrDefault(row, Map.of()).get(column));
    }

    /**
     * The columns of a row that have a cell, in the order they were recorded.
     *
     * @param row the row key
     * @return the columns
     */
    public synchronized List<String> columns(String row) {
        return List.copyOf(cells.getOrDefault(row, Map.of()).keySet());
    }

    /**
     * Row keys that have cells, in the order they were recorded.
     *
     * @return the keys
     */
    public synchronized List<String> rowKeys() {
        return List.copyOf(cells.keySet());
    }

    /**
     * Records the unit of a row that is not in the catalog.
     *
     * @param row  the row key
     * @param unit its unit
     */
    public synchronized void extraUnit(String row, String unit) {
        extraUnits.putIfAbsent(row, unit);
    }

    /**
     * The unit recorded for a row that is not in the catalog.
     *
     * @param row the row key
     * @return its unit, or "?"
     */
    public synchronized String extraUnit(String row) {
        return extraUnits.getOrDefault(row, "?");
    }

    /**
     * Says why a whole column has no figures (e.g. "elixir not on PATH").
     *
     * @param column the column
     * @param note   the reason
     */
    public synchronized void columnNote(String column, String note) {
        columnNotes.put(column, note);
    }

    /**
     * Why a whole column has no figures.
     *
     * @param column the column
     * @return the reason, if any
     */
    public synchronized Optional<String> columnNote(String column) {
        return Optional.ofNullable(columnNotes.get(column));
    }

    /**
     * Adds a fact for the report header.
     *
     * @param key   e.g. "jdk"
     * @param value e.g. "25.0.1"
     */
    public synchronized void info(String key, String value) {
        info.put(key, value);
    }

    /**
     * The header facts, in the order added.
     *
     * @return a copy
     */
    public synchronized Map<String, String> info() {
        return new LinkedHashMap<>(info);
    }

    /**
     * Records a problem (a failed benchmark, a missing tool, ...) for the report.
     *
     * @param problem what went wrong
     */
    public synchronized void problem(String problem) {
        problems.add(problem);
        System.err.println("[report] problem: " + problem);
    }

    /**
     * The problems recorded.
     *
     * @return a copy
     */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
