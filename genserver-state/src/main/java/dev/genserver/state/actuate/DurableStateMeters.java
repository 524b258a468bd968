package dev.genserver.state.actuate;

import dev.genserver.state.DurableServerStatus;
import dev.genserver.state.DurableStates;
import dev.genserver.state.StateStoreObserver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Micrometer meters of durable state, tagged {@code server} with the durable server's stored name
 * (never a key):
 * <ul>
 *   <li>{@code genserver.state.store} (timer; tags {@code server}, {@code operation} = load | write,
 *       {@code outcome} = success | conflict | failure): latency and count of every store operation;</li>
 *   <li>{@code genserver.state.store.failures} (function counter; {@code server}): failed reads and
 *       writes, conflicts excluded;</li>
 *   <li>{@code genserver.state.conflicts} (function counter; {@code server}): writes refused by the
 *       revision check;</li>
 *   <li>{@code genserver.state.pending} (gauge; {@code server}): instances whose changed state waits
 *       to be written (write-behind).</li>
 * </ul>
 */
public class DurableStateMeters implements MeterBinder, StateStoreObserver {

    private final Supplier<DurableStates> states;
    private volatile MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * Creates the meters.
     *
     * @param states the durable servers, looked up when the meters are bound
     */
    public DurableStateMeters(Supplier<DurableStates> states) {
        this.states = states;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        DurableStates s = states.get();
        for (DurableServerStatus status : s.servers()) {
            String server = status.server();
            String tag = status.storedAs();
            FunctionCounter.builder("genserver.state.store.failures", s, x -> value(x, server, true))
                    .tag("server", tag).description("failed reads and writes of durable state").register(registry);
            FunctionCounter.builder("genserver.state.conflicts", s, x -> value(x, server, false))
                    .tag("server", tag).description("durable state writes refused by the revision check")
                    .register(registry);
            Gauge.builder("genserver.state.pending", s,
                            x -> x.server(server).map(DurableServerStatus::pendingWrites).orElse(0))
                    .tag("server", tag).description("instances whose changed state waits to be written")
                    .register(registry);
            for (Operation op : Operation.values()) {
                for (Outcome outcome : Outcome.values()) {
                    timer(tag, op, outcome);
                }
            }
        }
    }

    private static double value(DurableStates s, String server, boolean failures) {
        return s.server(server).map(x -> failures ? x.storeErrors() : x.conflicts()).orElse(0L);
    }

    @Override
    public void observed(String server, Operation operation, Outcome outcome, long nanos) {
        Timer t = timer(server, operation, outcome);
        if (t != null) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String server, Operation operation, Outcome outcome) {
        MeterRegistry r = registry;
        if (r == null) {
            return null;
        }
        return timers.computeIfAbsent(server + '|' + operation + '|' + outcome, k -> Timer.builder("genserver.state.store")
                .tag("server", server)
                .tag("operation", operation.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .description("reads and writes of durable state")
                .register(r));
    }
}
