package dev.genserver.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genserver.benchmarks.footprint.IdleSpawners;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report's logic, without running any benchmark. */
class ReportLogicTest {

    private static Evaluation row(String key, Results results) {
        return Evaluation.all(results).stream().filter(e -> e.row().key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void namingMapsMethodsToRowsAndClassesToColumns() {
        assertEquals(Optional.of("W1 platformCaller"), Naming.row("w1_platformCaller"));
        assertEquals(Optional.of("W6 idle100k"), Naming.row("w6_idle100k"));
        assertEquals(Optional.empty(), Naming.row("platformCaller"));
        assertEquals("ours", Naming.column("OursCallBenchmark"));
        assertEquals("pekko", Naming.column("PekkoAskBenchmark"));
        assertEquals("floor:VirtualThreadMailbox", Naming.column("FloorVirtualThreadMailboxBenchmark"));
    }

    @Test
    void unitsConvertBetweenTimeAndRate() {
        assertEquals(1.5, Units.convert(1500, "ns/op", "µs/call"), 1e-9);
        assertEquals(2.0, Units.convert(500_000, "ops/s", "µs/call"), 1e-9);
        assertEquals(1e7, Units.convert(100, "ns/op", "casts/s"), 1e-3);
        assertEquals(3e6, Units.convert(3, "ops/us", "calls/s"), 1e-3);
        assertEquals(742.0, Units.convert(742, "bytes", "bytes/server"), 1e-9);
    }

    @Test
    void everyCatalogRowIsPendingWithoutOurs() {
        Results results = new Results();
        results.put("W1 platformCaller", "elixir", Cell.of(1.4));
        for (Evaluation e : Evaluation.all(results)) {
            assertFalse(e.ours().measured(), e.row().key());
            assertNull(e.met(), e.row().key());
        }
        assertEquals("pending", row("W1 platformCaller", results).metNote());
    }

    @Test
    void targetIsMetOnlyWhenEveryMeasuredConditionHolds() {
        Results results = new Results();
        results.put("W1 platformCaller", "elixir", Cell.of(1.4));
        results.put("W1 platformCaller", "pekko", Cell.of(15.8));
        results.put("W1 platformCaller", "ours", Cell.of(0.6));
        Evaluation met = row("W1 platformCaller", results);
        assertEquals(Boolean.TRUE, met.met());
        assertEquals(0.6 / 1.4, met.ratios().get("elixir"), 1e-9);

        Results slow = new Results();
        slow.put("W1 platformCaller", "elixir", Cell.of(1.4));
        slow.put("W1 platformCaller", "pekko", Cell.of(15.8));
        slow.put("W1 platformCaller", "ours", Cell.of(0.9));
        assertEquals(Boolean.FALSE, row("W1 platformCaller", slow).met());

        Results rate = new Results();
        rate.put("W3 cast", "elixir", Cell.of(3e6));
        rate.put("W3 cast", "ours", Cell.of(7e6));
        Evaluation partly = row("W3 cast", rate);
        assertEquals(Boolean.TRUE, partly.met());
        assertTrue(partly.metNote().contains("pekko"), partly.metNote());
    }

    @Test
    void footprintThatDidNotFitFailsTheFitTarget() {
        Results results = new Results();
        results.put("W6 idle1M", "pekko", Cell.of(742));
        results.put("W6 idle1M", "ours", Cell.missing(Cell.DID_NOT_FIT));
        assertEquals(Boolean.FALSE, row("W6 idle1M", results).met());
    }

    @Test
    void theStateMachineMayCostAtMostOnePointTwoTimesThePlainServer() {
        assertEquals(Optional.of("W14 machine"), Naming.row("w14_machine"));
        assertEquals(Optional.of("W15 await"), Naming.row("w15_await"));
        assertEquals("floor:VirtualThreadFuture", Naming.column("FloorVirtualThreadFutureBenchmark"));
        Results results = new Results();
        results.put("W14 server", "ours", Cell.of(0.050));
        results.put("W14 machine", "ours", Cell.of(0.059));
        assertEquals(Boolean.TRUE, row("W14 machine", results).met());
        results.put("W14 machine", "ours", Cell.of(0.061));
        Evaluation missed = row("W14 machine", results);
        assertEquals(Boolean.FALSE, missed.met());
        assertTrue(missed.metNote().contains("ours:W14 server"), missed.metNote());
        assertNull(row("W14 server", results).met());
    }

    @Test
    void theTaskRoundTripIsShownBesideItsFloor() {
        Results results = new Results();
        results.put("W15 await", "ours", Cell.of(3.0));
        results.put("W15 await", "floor:VirtualThreadFuture", Cell.of(2.0));
        Evaluation await = row("W15 await", results);
        assertEquals(1.5, await.ratios().get("floor:VirtualThreadFuture"), 1e-9);
        assertNull(await.met());
    }

    /** A benchmark named outside the convention is silently missing from the report: none may be. */
    @Test
    void everyBenchmarkOfTheSuiteFeedsACatalogRow() throws Exception {
        List<String> keys = Workloads.rows().stream().map(Row::key).toList();
        int seen = 0;
        for (String pkg : List.of("ours", "baseline")) {
            java.net.URL dir = getClass().getClassLoader().getResource("dev/genserver/benchmarks/" + pkg);
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
                for (String file : files.map(f -> f.getFileName().toString())
                        .filter(f -> f.endsWith("Benchmark.class")).toList()) {
                    Class<?> type = Class.forName("dev.genserver.benchmarks." + pkg + "."
                            + file.substring(0, file.length() - ".class".length()));
                    for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
                        if (!m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)) {
                            continue;
                        }
                        seen++;
                        Optional<String> key = Naming.row(m.getName());
                        assertTrue(key.isPresent(), type.getSimpleName() + "." + m.getName()
                                + " does not follow the w<N>_<case> naming: the report leaves it out");
                        assertTrue(keys.contains(key.get()), type.getSimpleName() + "." + m.getName()
                                + " feeds " + key.get() + ", which is not in Workloads: add its row and target");
                    }
                }
            }
        }
        assertTrue(seen > 20, "benchmarks found: " + seen);
    }

    @Test
    void ownReferencesAreOtherRowsOfOurs() {
        Results results = new Results();
        results.put("W8 raw", "ours", Cell.of(1.0));
        results.put("W8 proxy", "ours", Cell.of(1.05));
        assertEquals(Boolean.TRUE, row("W8 proxy", results).met());
        results.put("W9 randomAccess", "ours", Cell.of(1e6));
        assertNull(row("W9 randomAccess", results).met());
    }

    @Test
    void sampledRowsFeedTheirPercentileRows() {
        assertEquals(99.0, JmhSuite.percentileOf("W10 sparse", "W10 sparseP99").orElseThrow(), 1e-9);
        assertEquals(99.9, JmhSuite.percentileOf("W10 sparse", "W10 sparseP999").orElseThrow(), 1e-9);
        assertTrue(JmhSuite.percentileOf("W10 sparse", "W10 sparse").isEmpty());
        assertTrue(JmhSuite.percentileOf("W10 sparse", "W10 sparsePx").isEmpty());
        assertTrue(JmhSuite.percentileOf("W1 platformCaller", "W10 sparseP99").isEmpty());
        assertTrue(Workloads.rows().stream().anyMatch(r -> r.key().equals("W10 sparseP99")));
        // the virtual-thread caller's row has its own p99 row, which the platform caller's does not feed
        assertEquals(99.0, JmhSuite.percentileOf("W10 sparseVirtual", "W10 sparseVirtualP99").orElseThrow(), 1e-9);
        assertTrue(JmhSuite.percentileOf("W10 sparse", "W10 sparseVirtualP99").isEmpty());
        assertTrue(Workloads.rows().stream().anyMatch(r -> r.key().equals("W10 sparseVirtualP99")));
    }

    @Test
    void theVirtualCallersSparseRowIsJudgedAgainstElixirsSparseCall() {
        Results results = new Results();
        results.put("W10 sparse", "elixir", Cell.of(10.0));
        results.put("W10 sparseP99", "elixir", Cell.of(20.0));
        results.put("W10 sparseVirtual", "ours", Cell.of(4.9));
        results.put("W10 sparseVirtualP99", "ours", Cell.of(10.1));
        assertEquals(Boolean.TRUE, row("W10 sparseVirtual", results).met());
        assertEquals(Boolean.FALSE, row("W10 sparseVirtualP99", results).met());
    }

    @Test
    void aFixedBoundIsCheckedInTheRowsUnit() {
        Results small = new Results();
        small.put("W11 keyedHeap", "elixir", Cell.of(3500));
        small.put("W11 keyedHeap", "ours", Cell.of(900));
        assertEquals(Boolean.TRUE, row("W11 keyedHeap", small).met());

        Results large = new Results();
        large.put("W11 keyedHeap", "ours", Cell.of(2100));
        Evaluation missed = row("W11 keyedHeap", large);
        assertEquals(Boolean.FALSE, missed.met());
        assertTrue(missed.metNote().contains("≤ 1024 bytes/server (ours: 2100)"), missed.metNote());
    }

    @Test
    void aConditionMayNameAnAnchorOfAnotherRow() {
        Results results = new Results();
        results.put("W4 fanout", "elixir", Cell.of(250_000));
        results.put("W4 fanoutVirtual", "ours", Cell.of(600_000));
        assertEquals(Boolean.TRUE, row("W4 fanoutVirtual", results).met());

        Results slow = new Results();
        slow.put("W4 fanout", "elixir", Cell.of(250_000));
        slow.put("W4 fanoutVirtual", "ours", Cell.of(400_000));
        assertEquals(Boolean.FALSE, row("W4 fanoutVirtual", slow).met());

        Results unchecked = new Results();
        unchecked.put("W4 fanoutVirtual", "ours", Cell.of(400_000));
        assertNull(row("W4 fanoutVirtual", unchecked).met());
    }

    @Test
    void restartMustReachPekkoAndAQuarterOfElixir() {
        Results results = new Results();
        results.put("W7 restart", "elixir", Cell.of(60));
        results.put("W7 restart", "pekko", Cell.of(12));
        results.put("W7 restart", "ours", Cell.of(14));
        Evaluation e = row("W7 restart", results);
        assertEquals(Boolean.FALSE, e.met());
        assertTrue(e.metNote().contains("pekko"), e.metNote());
        results.put("W7 restart", "ours", Cell.of(11));
        assertEquals(Boolean.TRUE, row("W7 restart", results).met());
    }

    @Test
    void reportsRenderAndTheFootprintRegistryHasTheAnchors() {
        Results results = new Results();
        results.put("W1 platformCaller", "elixir", Cell.of(1.4));
        List<Evaluation> rows = Evaluation.all(results);
        assertTrue(ReportWriter.markdown(rows, results).contains("| W1 platformCaller | µs/call | pending | 1.40 |"));
        assertTrue(ReportWriter.json(rows, results).contains("\"elixir\": 1.4"));
        assertEquals(List.of("pekko", "floor-vthread", "ours", "ours-keyed", "ours-spring-keyed"), IdleSpawners.all().stream().map(IdleSpawners.Entry::name).toList());
    }
}
