package dev.genserver.benchmarks.report;

/**
 * Converts a JMH score into a row's unit.
 *
 * <p>Row units starting with {@code µs} are times per operation in microseconds; units ending with
 * {@code /s} are operations per second; any other unit is taken as is. JMH units are
 * {@code ns/op, us/op, ms/op, s/op} (time per operation) or {@code ops/ns, ops/us, ops/ms, ops/s}
 * (throughput). A time per operation and a rate are each other's inverse, which holds for the
 * single-caller benchmarks; multi-threaded throughput benchmarks must report in a rate unit.
 */
public final class Units {

    private Units() {
    }

    /**
     * Converts.
     *
     * @param score   the JMH score
     * @param jmhUnit its unit as JMH prints it
     * @param rowUnit the row's unit
     * @return the figure in the row's unit
     * @throws IllegalArgumentException if the units cannot be converted
     */
    public static double convert(double score, String jmhUnit, String rowUnit) {
        boolean rowTime = rowUnit.startsWith("µs");
        boolean rowRate = rowUnit.endsWith("/s");
        if (!rowTime && !rowRate) {
            return score;
        }
        double secondsPerOp;
        if (jmhUnit.endsWith("/op")) {
            secondsPerOp = score * seconds(jmhUnit.substring(0, jmhUnit.length() - 3));
        } else if (jmhUnit.startsWith("ops/")) {
            double opsPerSecond = score / seconds(jmhUnit.substring(4));
            secondsPerOp = 1 / opsPerSecond;
        } else {
            throw new IllegalArgumentException("unknown JMH unit " + jmhUnit);
        }
        return rowTime ? secondsPerOp * 1e6 : 1 / secondsPerOp;
    }

    private static double seconds(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us", "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    }
}
