package dev.genserver.benchmarks.report;

import dev.genserver.benchmarks.report.Row.Better;
import dev.genserver.benchmarks.report.Row.Condition;
import java.util.List;

/**
 * The catalog of report rows, W1..W17, with the targets of {@code shared/PERFORMANCE.md} (W12's is
 * OTP's own: its supervisor suite allows 10 × linear; W14's and W15's come from issue 13; W16's and
 * W17's are issue 11's: remote calls within 1.5 × Hazelcast's own member-targeted task).
 *
 * <p>A benchmark whose method name maps to a key not listed here still appears in the report, after
 * these rows, with its JMH unit and no target.
 */
public final class Workloads {

    private static final String ELIXIR = "elixir";
    private static final String PEKKO = "pekko";
    /** FloorHazelcastBenchmark's column: Hazelcast's member-targeted executor tasks (W14, W15). */
    private static final String HAZELCAST_FLOOR = "floor:Hazelcast";

    private static final List<Row> ROWS = List.of(
            new Row("W1 platformCaller",
                    "call round trip: one caller on a platform thread, sequential increment calls to one counter server",
                    "µs/call", Better.LOWER, List.of(ELIXIR, PEKKO),
                    "≤ 0.5 × Elixir and ≥ 20× faster than Pekko ask (≤ 0.05 × Pekko)",
                    List.of(Condition.of(ELIXIR, 0.5), Condition.of(PEKKO, 0.05))),
            new Row("W1 virtualCaller",
                    "call round trip: one caller on a virtual thread, sequential increment calls to one counter server",
                    "µs/call", Better.LOWER, List.of(PEKKO),
                    "— (reported beside the platform caller)", List.of()),
            new Row("W2 callers2",
                    "contended calls: 2 callers on one server, total calls/s",
                    "calls/s", Better.HIGHER, List.of(ELIXIR, PEKKO),
                    "≥ 2 × Elixir", List.of(Condition.of(ELIXIR, 2))),
            new Row("W2 callers8",
                    "contended calls: 8 callers on one server, total calls/s",
                    "calls/s", Better.HIGHER, List.of(ELIXIR, PEKKO),
                    "≥ 2 × Elixir", List.of(Condition.of(ELIXIR, 2))),
            new Row("W3 cast",
                    "cast throughput: one sender, 1M casts into one server, then one call to sync",
                    "casts/s", Better.HIGHER, List.of(ELIXIR, PEKKO),
                    "≥ 2 × Elixir and ≥ 3 × Pekko tell",
                    List.of(Condition.of(ELIXIR, 2), Condition.of(PEKKO, 3))),
            new Row("W4 fanout",
                    "fan-out: 10k servers, 8 platform-thread callers each calling a random server; total calls/s",
                    "calls/s", Better.HIGHER, List.of(ELIXIR, PEKKO),
                    "≥ 2 × Elixir", List.of(Condition.of(ELIXIR, 2))),
            new Row("W4 fanoutVirtual",
                    "fan-out with virtual-thread callers (Spring's spring.threads.virtual.enabled=true): 10k servers, 8 virtual-thread callers; total calls/s",
                    "calls/s", Better.HIGHER, List.of(PEKKO),
                    "≥ 2 × Elixir's fan-out (W4 fanout)", List.of(Condition.of(ELIXIR + "@W4 fanout", 2))),
            new Row("W5 start",
                    "start rate: start 100k idle servers, each running (init done)",
                    "µs/start", Better.LOWER, List.of(ELIXIR, PEKKO),
                    "≤ 0.25 × Elixir", List.of(Condition.of(ELIXIR, 0.25))),
            new Row("W6 idle1k",
                    "idle footprint: heap bytes per idle server with 1k servers (GC'd heap delta / count, -Xmx1g)",
                    "bytes/server", Better.LOWER, List.of(ELIXIR, PEKKO),
                    "≤ 0.5 × Pekko", List.of(Condition.of(PEKKO, 0.5))),
            new Row("W6 idle100k",
                    "idle footprint: heap bytes per idle server with 100k servers (GC'd heap delta / count, -Xmx1g)",
                    "bytes/server", Better.LOWER, List.of(ELIXIR, PEKKO),
                    "≤ 0.5 × Pekko", List.of(Condition.of(PEKKO, 0.5))),
            new Row("W6 idle1M",
                    "idle footprint: heap bytes per idle server with 1M servers (GC'd heap delta / count, -Xmx1g)",
                    "bytes/server", Better.LOWER, List.of(PEKKO),
                    "≤ 0.5 × Pekko; 1M idle servers fit in -Xmx1g",
                    List.of(Condition.of(PEKKO, 0.5), Condition.fits())),
            new Row("W7 restart",
                    "restart latency: kill or crash a supervised server, time until it answers a call again (median)",
                    "µs/restart", Better.LOWER, List.of(ELIXIR, PEKKO),
                    "≤ Pekko's crash-restart and ≤ 0.25 × Elixir",
                    List.of(Condition.of(PEKKO, 1), Condition.of(ELIXIR, 0.25))),
            new Row("W7 kill",
                    "restart latency, the Elixir anchor's method: kill a supervised server (exit with KILL), time until it answers a call again (median); ours only",
                    "µs/restart", Better.LOWER, List.of(),
                    "— (the Elixir anchor's figure is in W7 restart)", List.of()),
            new Row("W8 proxy",
                    "proxy overhead: a call through the typed Spring proxy",
                    "µs/call", Better.LOWER, List.of(),
                    "≤ 1.1 × the raw reference (W8 raw)", List.of(Condition.of("ours:W8 raw", 1.1))),
            new Row("W8 raw",
                    "proxy overhead: the same call on the raw server reference",
                    "µs/call", Better.LOWER, List.of(),
                    "— (reference for W8 proxy)", List.of()),
            new Row("W9 randomAccess",
                    "keyed servers: 100k keys touched once, then random access",
                    "calls/s", Better.HIGHER, List.of(),
                    "≥ W4 fan-out", List.of(Condition.of("ours:W4 fanout", 1))),
            new Row("W9 keyedHeap",
                    "keyed servers: heap bytes per keyed server with 100k alive (-Xmx1g)",
                    "bytes/server", Better.LOWER, List.of(),
                    "100k keyed servers alive within -Xmx1g", List.of(Condition.fits())),
            new Row("W10 sparse",
                    "sparse call: one platform-thread caller calls, then sleeps about 1 ms so that caller and server both go idle; median µs per call (p50)",
                    "µs/call", Better.LOWER, List.of(ELIXIR, PEKKO),
                    "≤ 0.5 × Elixir", List.of(Condition.of(ELIXIR, 0.5))),
            new Row("W10 sparseP99",
                    "sparse call: the same calls, 99th percentile",
                    "µs/call", Better.LOWER, List.of(ELIXIR, PEKKO),
                    "≤ 0.5 × Elixir", List.of(Condition.of(ELIXIR, 0.5))),
            new Row("W10 sparseVirtual",
                    "sparse call from a virtual-thread caller (Spring's spring.threads.virtual.enabled=true): the same call and 1 ms pause, made and timed on a virtual thread; median µs per call (p50)",
                    "µs/call", Better.LOWER, List.of(),
                    "≤ 0.5 × Elixir's sparse call (W10 sparse)", List.of(Condition.of(ELIXIR + "@W10 sparse", 0.5))),
            new Row("W10 sparseVirtualP99",
                    "sparse call from a virtual-thread caller: the same calls, 99th percentile",
                    "µs/call", Better.LOWER, List.of(),
                    "≤ 0.5 × Elixir's sparse call p99 (W10 sparseP99)",
                    List.of(Condition.of(ELIXIR + "@W10 sparseP99", 0.5))),
            new Row("W11 activation",
                    "keyed activation through the Spring starter: the first call to each new key via KeyedServers<T> in a running application context (the instance starts on demand); µs per activation",
                    "µs/activation", Better.LOWER, List.of(ELIXIR),
                    "≤ 0.5 × Elixir", List.of(Condition.of(ELIXIR, 0.5))),
            new Row("W11 keyedHeap",
                    "keyed activation through the Spring starter: heap bytes per idle keyed server with 100k activated (-Xmx1g)",
                    "bytes/server", Better.LOWER, List.of(ELIXIR),
                    "≤ 1 KB (1,024 bytes) per idle keyed server", List.of(Condition.bound(1024))),
            new Row("W12 children1k",
                    "supervisor children: start 1,000 temporary children one by one, then terminate them one by one; time per child",
                    "µs/child", Better.LOWER, List.of(),
                    "— (reference for W12 children100k)", List.of()),
            new Row("W12 children100k",
                    "supervisor children: the same with 100,000 children; time per child",
                    "µs/child", Better.LOWER, List.of(),
                    "≤ 10 × W12 children1k per child (linear, as OTP's suite asks)",
                    List.of(Condition.of("ours:W12 children1k", 10))),
            // W13: durable state (issue 12; the number is shared/PERFORMANCE.md's)
            new Row("W13 memory",
                    "durable state: calls/s to a keyed server without @Durable, 1 caller, random key of 1,000 (the in-memory reference)",
                    "calls/s", Better.HIGHER, List.of(),
                    "— (reference for W13 behind*)", List.of()),
            new Row("W13 behindH2",
                    "durable state: the same keyed server, @Durable write-behind (1 s delay), JdbcStateStore on H2",
                    "calls/s", Better.HIGHER, List.of(),
                    "≥ 0.8 × the in-memory server (W13 memory)", List.of(Condition.of("ours:W13 memory", 0.8))),
            new Row("W13 behindPostgres",
                    "durable state: the same keyed server, @Durable write-behind (1 s delay), JdbcStateStore on PostgreSQL",
                    "calls/s", Better.HIGHER, List.of(),
                    "≥ 0.8 × the in-memory server (W13 memory)", List.of(Condition.of("ours:W13 memory", 0.8))),
            new Row("W13 throughH2",
                    "durable state: the same keyed server, @Durable write-through (a store write before each reply), on H2; floor: a plain JDBC upsert loop",
                    "calls/s", Better.HIGHER, List.of(),
                    "— (shown beside the JDBC upsert floor)", List.of()),
            new Row("W13 throughPostgres",
                    "durable state: the same keyed server, @Durable write-through, on PostgreSQL; floor: a plain JDBC upsert loop",
                    "calls/s", Better.HIGHER, List.of(),
                    "— (shown beside the JDBC upsert floor)", List.of()),
            new Row("W14 machine",
                    "state machine: one sender casts 200k events that each change the state (a switch flipped, its flips counted in the data), then one call to sync; µs per event",
                    "µs/event", Better.LOWER, List.of(),
                    "≤ 1.2 × the plain server doing the same work (W14 server)",
                    List.of(Condition.of("ours:W14 server", 1.2))),
            new Row("W14 server",
                    "state machine's reference: a plain server doing the same work (the switch and the count in its state record); µs per event",
                    "µs/event", Better.LOWER, List.of(),
                    "— (reference for W14 machine)", List.of()),
            new Row("W15 await",
                    "task round trip: start a task from outside a server and await its result (Task.await); µs per task",
                    "µs/task", Better.LOWER, List.of(),
                    "— (beside its floor: a bare virtual thread completing a CompletableFuture)", List.of()),
            new Row("W15 fromServer",
                    "task round trip from a server: a call whose handler starts a task, answered when the task's result arrives as a message; µs per call",
                    "µs/task", Better.LOWER, List.of(),
                    "— (beside W15 await)", List.of()),
            new Row("W16 remoteCall",
                    "remote call round trip: two Hazelcast members in one JVM over loopback TCP; one caller on the younger calls a counter singleton on the older through ClusterNode (codec, batch, submitToMember, reply task); floor: Hazelcast's submitToMember(callable).get() between the same members",
                    "µs/call", Better.LOWER, List.of(),
                    "≤ 1.5 × the submitToMember floor (issue 11)", List.of(Condition.of(HAZELCAST_FLOOR, 1.5))),
            new Row("W17 remoteCast",
                    "remote cast throughput: the same members; 20k casts to the singleton, then one call to sync; floor: 20k executeOnMember tasks until all ran",
                    "casts/s", Better.HIGHER, List.of(),
                    "≥ the executeOnMember floor ÷ 1.5", List.of(Condition.of(HAZELCAST_FLOOR, 1 / 1.5))));

    private Workloads() {
    }

    /**
     * The catalog, in report order.
     *
     * @return the rows
     */
    public static List<Row> rows() {
        return ROWS;
    }
}
