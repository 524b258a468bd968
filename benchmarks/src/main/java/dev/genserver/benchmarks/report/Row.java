package dev.genserver.benchmarks.report;

import java.util.List;

/**
 * One row of the report: a workload case, its unit and its target.
 *
 * @param key        the row key, {@code "W<N> <case>"}; benchmark methods named {@code w<N>_<case>} feed it
 * @param title      what is measured
 * @param unit       the unit every figure of the row is converted to: {@code µs/...} (time per
 *                   operation), {@code .../s} (rate) or anything else (taken as is, e.g. bytes/server)
 * @param better     whether lower or higher figures are better
 * @param anchors    the anchor columns expected to have a figure ("elixir", "pekko"); floor columns
 *                   are shown whenever present
 * @param targetText the target as PERFORMANCE.md states it
 * @param conditions the target as conditions on the "ours" figure; empty when the row has no target
 */
public record Row(String key, String title, String unit, Better better, List<String> anchors,
                  String targetText, List<Condition> conditions) {

    /** Which direction is better. */
    public enum Better {
        /** Times and bytes. */
        LOWER,
        /** Rates. */
        HIGHER
    }

    /**
     * One part of a target: ours compared with {@code factor ×} a reference figure of the same row
     * (≤ for {@link Better#LOWER}, ≥ for {@link Better#HIGHER}), or the "fits" condition.
     *
     * @param reference an anchor column ("elixir", "pekko"), {@code "ours:<row key>"} for another
     *                  of our own rows, {@code "<column>@<row key>"} for an anchor of another row
     *                  (e.g. {@code "elixir@W4 fanout"}), {@link #FITS}, or {@link #ABSOLUTE}
     * @param factor    the factor applied to the reference (for {@link #ABSOLUTE}: the bound itself,
     *                  in the row's unit)
     */
    public record Condition(String reference, double factor) {

        /** Reference meaning "ours was measured, i.e. it fitted in the heap". */
        public static final String FITS = "fits";

        /** Reference meaning "a fixed bound in the row's unit" (the factor is the bound). */
        public static final String ABSOLUTE = "absolute";

        /**
         * A condition against a reference.
         *
         * @param reference the reference
         * @param factor    the factor
         * @return the condition
         */
        public static Condition of(String reference, double factor) {
            return new Condition(reference, factor);
        }

        /**
         * A fixed bound in the row's unit, e.g. {@code atMost(1024)} for "≤ 1 KB per server".
         *
         * @param bound the bound
         * @return the condition
         */
        public static Condition bound(double bound) {
            return new Condition(ABSOLUTE, bound);
        }

        /**
         * The "fits in the heap" condition.
         *
         * @return the condition
         */
        public static Condition fits() {
            return new Condition(FITS, 1);
        }
    }
}
