package dev.genserver.benchmarks.report;

/**
 * How long the suite runs.
 */
public enum Profile {

    /**
     * Every benchmark with 1 warm-up and 1 measured iteration of 1 s (single-shot benchmarks:
     * one of each), the Elixir script with one round and smaller counts. Checks the plumbing; the
     * figures are rough.
     */
    SMOKE,

    /**
     * Every benchmark with its own small JMH configuration (1 fork, 3 warm-up and 5 measured
     * iterations of 1 s, or a few single shots), the Elixir script with 3 rounds. A few minutes on
     * 2 cores.
     */
    QUICK
}
