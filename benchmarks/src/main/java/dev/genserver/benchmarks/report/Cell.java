package dev.genserver.benchmarks.report;

/**
 * One figure of the report, in its row's unit, or the reason it is missing.
 *
 * @param value the figure, or {@code null} when not measured
 * @param note  why it is missing ("pending", "did not fit in -Xmx1g", ...), or a remark; may be {@code null}
 */
public record Cell(Double value, String note) {

    /** The note of a figure whose fit in the heap was the point and that did not fit. */
    public static final String DID_NOT_FIT = "did not fit in -Xmx1g";

    /**
     * A measured figure.
     *
     * @param value the figure
     * @return the cell
     */
    public static Cell of(double value) {
        return new Cell(value, null);
    }

    /**
     * A missing figure.
     *
     * @param note why it is missing
     * @return the cell
     */
    public static Cell missing(String note) {
        return new Cell(null, note);
    }

    /**
     * Whether the cell holds a figure.
     *
     * @return {@code true} if measured
     */
    public boolean measured() {
        return value != null && !value.isNaN() && !value.isInfinite();
    }
}
