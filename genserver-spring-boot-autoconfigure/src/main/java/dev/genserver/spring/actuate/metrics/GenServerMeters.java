package dev.genserver.spring.actuate.metrics;

import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.actuate.GenServerActivity;
import dev.genserver.spring.actuate.ServerTags;
import dev.genserver.spring.actuate.SupervisionTreeReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The Micrometer meters of the application's servers, bound as a {@link MeterBinder}. Every meter
 * is tagged {@code server} with the server's name, or for a keyed instance its keyed server's
 * name: never the key, so the number of series stays that of the servers the application
 * declares. Every meter of a declared server and supervisor is registered when the binder is
 * bound, at zero: {@code genserver.crashes} exists before the first crash.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type (unit)</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #MESSAGES}</td><td>counter</td><td>server, kind</td><td>messages handled (call, cast, info)</td></tr>
 *   <tr><td>{@value #HANDLER}</td><td>timer</td><td>server, kind, error</td><td>time in the handler (recorded by the
 *       {@code genserver.handler} Observation when observations are on)</td></tr>
 *   <tr><td>{@value #CALL}</td><td>timer</td><td>server, outcome, exception</td><td>call latency as the caller sees it, from
 *       send to reply, failure or giving up</td></tr>
 *   <tr><td>{@value #MAILBOX_WAIT}</td><td>timer</td><td>server, kind</td><td>time a message waited in the mailbox</td></tr>
 *   <tr><td>{@value #MAILBOX_SIZE}</td><td>gauge (messages)</td><td>server</td><td>messages waiting (a keyed server's:
 *       its instances' together, from a running total)</td></tr>
 *   <tr><td>{@value #LIVE}</td><td>gauge (servers)</td><td>server</td><td>live processes: 0 or 1, or a keyed server's
 *       instances</td></tr>
 *   <tr><td>{@value #RESTARTS}</td><td>function counter</td><td>server</td><td>restarts, by a supervisor or through
 *       the Actuator</td></tr>
 *   <tr><td>{@value #CRASHES}</td><td>function counter</td><td>server</td><td>abnormal exits</td></tr>
 *   <tr><td>{@value #PASSIVATIONS}</td><td>function counter</td><td>server</td><td>keyed instances stopped after
 *       their idle timeout (keyed servers only)</td></tr>
 *   <tr><td>{@value #DEAD_LETTERS}</td><td>function counter</td><td>server</td><td>messages never handled</td></tr>
 *   <tr><td>{@value #SKIPPED_CALLS}</td><td>counter</td><td>server</td><td>calls skipped because their caller had given
 *       up</td></tr>
 * </table>
 *
 * <p>Supervisors ({@code server=genserver.supervisor.<name>}) have the life-cycle meters only.
 * The per-message meters come from this {@link HandlerInterceptor}; the life-cycle counters read
 * {@link GenServerActivity}, and a scrape costs a constant amount per server (a keyed server's
 * instances are never walked). Per-message meters are recorded in the first registry this binder
 * is bound to (Spring Boot binds it to its one composite registry); the others get the gauges and
 * life-cycle counters.
 */
public class GenServerMeters implements MeterBinder, HandlerInterceptor {

    /** Messages handled. */
    public static final String MESSAGES = "genserver.messages";
    /** Time in the handler. */
    public static final String HANDLER = "genserver.handler";
    /** Call latency seen by callers. */
    public static final String CALL = "genserver.call";
    /** Time in the mailbox. */
    public static final String MAILBOX_WAIT = "genserver.mailbox.wait";
    /** Mailbox length. */
    public static final String MAILBOX_SIZE = "genserver.mailbox.size";
    /** Live processes. */
    public static final String LIVE = "genserver.servers.live";
    /** Restarts. */
    public static final String RESTARTS = "genserver.restarts";
    /** Crashes. */
    public static final String CRASHES = "genserver.crashes";
    /** Passivations of keyed instances. */
    public static final String PASSIVATIONS = "genserver.passivations";
    /** Dead letters. */
    public static final String DEAD_LETTERS = "genserver.dead.letters";
    /** Skipped calls. */
    public static final String SKIPPED_CALLS = "genserver.calls.skipped";

    private static final String SERVER = "server";
    private static final String PROCESSES = "processes";
    private static final String NONE = "none";
    private static final Kind[] MESSAGE_KINDS = { Kind.CALL, Kind.CAST, Kind.INFO };

    private final SupervisionTreeReader reader;
    private final ServerTags tags;
    private final GenServerActivity activity;
    private final boolean timeHandlers;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    /**
     * Creates the meters; nothing is recorded until they are {@linkplain #bindTo bound}.
     *
     * @param reader what the application declares, and the counts since it started
     * @param timeHandlers whether to record {@value #HANDLER} here (false when an Observation does)
     */
    public GenServerMeters(SupervisionTreeReader reader, boolean timeHandlers) {
        this.reader = reader;
        this.tags = reader.tags();
        this.activity = reader.activity();
        this.timeHandlers = timeHandlers;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String server : reader.servers()) {
            if (reader.isKeyed(server)) {
                gauge(registry, LIVE, server, PROCESSES, a -> a.instances(server));
                gauge(registry, MAILBOX_SIZE, server, BaseUnits.MESSAGES, a -> a.queued(server));
            } else {
                gauge(registry, LIVE, server, PROCESSES,
                        a -> reader.runtime().whereis(server).filter(ServerRef::isAlive).isPresent() ? 1 : 0);
                gauge(registry, MAILBOX_SIZE, server, BaseUnits.MESSAGES,
                        a -> reader.runtime().whereis(server).map(r -> r.info().mailboxLength()).orElse(0));
            }
            lifeCycle(registry, server, reader.isKeyed(server));
        }
        for (String supervisor : reader.supervisors()) {
            lifeCycle(registry, SupervisionTreeReader.supervisorProcessName(supervisor), false);
        }
        if (this.registry == null) {
            this.registry = registry;
            for (String server : reader.servers()) {
                meters(server);
            }
        }
    }

    private void gauge(MeterRegistry registry, String name, String server, String unit,
                       ToDoubleFunction<GenServerActivity> value) {
        Gauge.builder(name, activity, value).tag(SERVER, server).baseUnit(unit)
                .description(name.equals(LIVE) ? "Live processes" : "Messages waiting in the mailbox")
                .strongReference(true).register(registry);
    }

    private void lifeCycle(MeterRegistry registry, String tag, boolean keyed) {
        FunctionCounter.builder(RESTARTS, activity, a -> a.of(tag).restarts()).tag(SERVER, tag)
                .description("Restarts, by a supervisor or through the Actuator").register(registry);
        FunctionCounter.builder(CRASHES, activity, a -> a.of(tag).crashes()).tag(SERVER, tag)
                .description("Abnormal exits").register(registry);
        FunctionCounter.builder(DEAD_LETTERS, activity, a -> a.of(tag).deadLetters()).tag(SERVER, tag)
                .description("Messages that were never handled").register(registry);
        if (keyed) {
            FunctionCounter.builder(PASSIVATIONS, activity, a -> a.of(tag).passivations()).tag(SERVER, tag)
                    .description("Keyed instances stopped after their idle timeout").register(registry);
        }
    }

    // ---- messages -----------------------------------------------------------------------------

    @Override
    public Object enqueued(ServerRef server, Kind kind, Object message) {
        return registry == null || ServerTags.isSupervisorProcess(server.displayName()) ? null : System.nanoTime();
    }

    @Override
    public Scope beforeHandle(ServerRef server, Kind kind, Object message, Object token) {
        if (!kind.isMessage() || registry == null || ServerTags.isSupervisorProcess(server.displayName())) {
            return Scope.NOOP;
        }
        Meters m = meters(server);
        int k = kind.ordinal() - Kind.CALL.ordinal();
        long start = System.nanoTime();
        if (token instanceof Long sent) {
            m.waited[k].record(start - sent, TimeUnit.NANOSECONDS);
        }
        return failure -> {
            m.handled[k].increment();
            if (timeHandlers) {
                m.handler(kind, failure).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    @Override
    public void callCompleted(ServerRef server, Object request, Object token, CallOutcome outcome,
                              Throwable failure) {
        if (token instanceof Long sent && registry != null) {
            meters(server).call(outcome, failure).record(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void callSkipped(ServerRef server, Object request, Object token) {
        if (registry != null) {
            meters(server).skippedCalls.increment();
        }
    }

    private Meters meters(ServerRef server) {
        return meters(tags.of(server));
    }

    private Meters meters(String tag) {
        Meters m = meters.get(tag);
        return m != null ? m : meters.computeIfAbsent(tag, t -> new Meters(registry, t));
    }

    @Override
    public String toString() {
        return "GenServerMeters";
    }

    /** The per-message meters of one tag. */
    private final class Meters {
        final MeterRegistry registry;
        final String server;
        final Counter skippedCalls;
        final Counter[] handled = new Counter[MESSAGE_KINDS.length];
        final Timer[] waited = new Timer[MESSAGE_KINDS.length];
        final Map<String, Timer> handlers = new ConcurrentHashMap<>();
        final Map<String, Timer> calls = new ConcurrentHashMap<>();

        Meters(MeterRegistry registry, String server) {
            this.registry = registry;
            this.server = server;
            skippedCalls = Counter.builder(SKIPPED_CALLS).description("Calls skipped because their caller had given up")
                    .tag(SERVER, server).register(registry);
            for (Kind kind : MESSAGE_KINDS) {
                int k = kind.ordinal() - Kind.CALL.ordinal();
                handled[k] = Counter.builder(MESSAGES).description("Messages handled").tag(SERVER, server)
                        .tag("kind", kind.tag()).register(registry);
                waited[k] = Timer.builder(MAILBOX_WAIT).description("Time messages waited in the mailbox")
                        .tag(SERVER, server).tag("kind", kind.tag()).register(registry);
                if (timeHandlers) {
                    handler(kind, null);
                }
            }
            call(CallOutcome.REPLIED, null);
            if (!reader.servers().contains(server)) {
                // A server the application did not declare (started by hand): its life-cycle counters too.
                lifeCycle(registry, server, false);
            }
        }

        Timer handler(Kind kind, Throwable failure) {
            String error = failure == null ? NONE : failure.getClass().getSimpleName();
            return handlers.computeIfAbsent(kind.tag() + "/" + error, k -> Timer.builder(HANDLER)
                    .description("Time in the message handler").tag(SERVER, server).tag("kind", kind.tag())
                    .tag("error", error).register(registry));
        }

        Timer call(CallOutcome outcome, Throwable failure) {
            String exception = failure == null ? NONE : failure.getClass().getSimpleName();
            String result = outcome.name().toLowerCase(Locale.ROOT);
            return calls.computeIfAbsent(result + "/" + exception, k -> Timer.builder(CALL)
                    .description("Call latency seen by callers").tag(SERVER, server).tag("outcome", result)
                    .tag("exception", exception).register(registry));
        }
    }
}
