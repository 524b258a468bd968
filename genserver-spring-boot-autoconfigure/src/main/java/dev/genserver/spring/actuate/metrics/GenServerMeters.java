package dev.genserver.spring.actuate.metrics;

import dev.genserver.process.DeadLetter;
import dev.genserver.process.ExitReason;
import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.ProcessListener;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.actuate.GenServerInspector;
import dev.genserver.spring.actuate.ServerTags;
import dev.genserver.spring.support.BeanGenServer;
import dev.genserver.spring.support.ServerDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The Micrometer meters of the application's servers. Every meter is tagged {@code server} with
 * the server's name, or for a keyed instance its keyed server's name: never the key, so the
 * number of series stays that of the servers the application declares.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@value #MESSAGES}</td><td>counter</td><td>server, kind</td><td>messages handled (call, cast, info)</td></tr>
 *   <tr><td>{@value #HANDLER}</td><td>timer</td><td>server, kind, error</td><td>time in the handler (recorded by the
 *       {@code genserver.handler} Observation when observations are on)</td></tr>
 *   <tr><td>{@value #CALL}</td><td>timer</td><td>server, outcome, exception</td><td>call latency as the caller sees it, from
 *       send to reply, failure or giving up</td></tr>
 *   <tr><td>{@value #MAILBOX_WAIT}</td><td>timer</td><td>server, kind</td><td>time a message waited in the mailbox</td></tr>
 *   <tr><td>{@value #MAILBOX_SIZE}</td><td>gauge</td><td>server</td><td>messages waiting (summed over a keyed server's instances)</td></tr>
 *   <tr><td>{@value #LIVE}</td><td>gauge</td><td>server</td><td>live processes: 0 or 1, or a keyed server's instances</td></tr>
 *   <tr><td>{@value #RESTARTS}</td><td>counter</td><td>server</td><td>supervised restarts</td></tr>
 *   <tr><td>{@value #CRASHES}</td><td>counter</td><td>server, exception</td><td>abnormal exits</td></tr>
 *   <tr><td>{@value #PASSIVATIONS}</td><td>counter</td><td>server</td><td>keyed instances stopped after their idle timeout</td></tr>
 *   <tr><td>{@value #DEAD_LETTERS}</td><td>counter</td><td>server</td><td>messages never handled</td></tr>
 *   <tr><td>{@value #SKIPPED_CALLS}</td><td>counter</td><td>server</td><td>calls skipped because their caller had given up</td></tr>
 * </table>
 *
 * <p>Supervisors are counted (restarts, crashes) but their own messages are not timed. The
 * per-message meters come from a {@link HandlerInterceptor}; the others from the runtime's
 * life-cycle events and from polling the servers when the registry is read.
 */
public class GenServerMeters implements HandlerInterceptor, ProcessListener, InitializingBean, DisposableBean {

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

    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final GenServerInspector inspector;
    private final ServerTags tags;
    private final boolean timeHandlers;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();
    private volatile boolean listening;

    /**
     * Creates the meters.
     *
     * @param registry where they go
     * @param inspector reads the servers for the gauges
     * @param timeHandlers whether to record {@value #HANDLER} here (false when an Observation does)
     */
    public GenServerMeters(MeterRegistry registry, GenServerInspector inspector, boolean timeHandlers) {
        this.registry = registry;
        this.inspector = inspector;
        this.tags = inspector.tags();
        this.timeHandlers = timeHandlers;
    }

    @Override
    public void afterPropertiesSet() {
        for (ServerDefinition def : inspector.definitions().servers()) {
            String name = def.serverName();
            if (def.isKeyed()) {
                gauge(LIVE, name, () -> inspector.countInstances(name));
                gauge(MAILBOX_SIZE, name, () -> {
                    AtomicLong total = new AtomicLong();
                    inspector.forEachInstance(name, ref -> total.addAndGet(ref.info().mailboxLength()));
                    return total.get();
                });
            } else {
                gauge(LIVE, name, () -> inspector.whereis(name).filter(ServerRef::isAlive).isPresent() ? 1 : 0);
                gauge(MAILBOX_SIZE, name, () -> inspector.whereis(name).map(r -> r.info().mailboxLength()).orElse(0));
            }
        }
        ProcessRuntime runtime = inspector.runtime();
        listening = true;
        runtime.addListener(this);
        runtime.onDeadLetter(this::deadLetter);
    }

    private void gauge(String name, String server, java.util.function.Supplier<Number> value) {
        Gauge.builder(name, value, v -> v.get().doubleValue()).tag("server", server).strongReference(true)
                .register(registry);
    }

    @Override
    public void destroy() {
        listening = false;
        inspector.runtime().removeListener(this);
    }

    // ---- life cycle ---------------------------------------------------------------------------

    @Override
    public void started(ServerRef server, boolean restart) {
        if (restart) {
            meters(server).restarts.increment();
        }
    }

    @Override
    public void exited(ServerRef server, ExitReason reason) {
        if (BeanGenServer.PASSIVATED.equals(reason)) {
            meters(server).passivations.increment();
        } else if (!reason.isNormal()) {
            meters(server).crash(reason);
        }
    }

    private void deadLetter(DeadLetter letter) {
        if (listening) {
            meters(letter.server()).deadLetters.increment();
        }
    }

    // ---- messages -----------------------------------------------------------------------------

    @Override
    public Object enqueued(ServerRef server, Kind kind, Object message) {
        return ServerTags.isSupervisorProcess(server.displayName()) ? null : System.nanoTime();
    }

    @Override
    public Scope beforeHandle(ServerRef server, Kind kind, Object message, Object token) {
        if (!kind.isMessage() || ServerTags.isSupervisorProcess(server.displayName())) {
            return Scope.NOOP;
        }
        Meters m = meters(server);
        int k = kind.ordinal() - Kind.CALL.ordinal();
        long start = System.nanoTime();
        if (token instanceof Long sent) {
            m.waited(k, kind).record(start - sent, TimeUnit.NANOSECONDS);
        }
        return failure -> {
            m.handled(k, kind).increment();
            if (timeHandlers) {
                m.handler(kind, failure).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    @Override
    public void callCompleted(ServerRef server, Object request, Object token, CallOutcome outcome,
                              Throwable failure) {
        if (token instanceof Long sent) {
            meters(server).call(outcome, failure).record(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void callSkipped(ServerRef server, Object request, Object token) {
        meters(server).skippedCalls.increment();
    }

    private Meters meters(ServerRef server) {
        String tag = tags.of(server);
        Meters m = meters.get(tag);
        return m != null ? m : meters.computeIfAbsent(tag, Meters::new);
    }

    @Override
    public String toString() {
        return "GenServerMeters";
    }

    /** The meters of one tag, created as they are first needed. */
    private final class Meters {
        final String server;
        final Counter restarts;
        final Counter passivations;
        final Counter deadLetters;
        final Counter skippedCalls;
        final Counter[] handled = new Counter[3];
        final Timer[] waited = new Timer[3];
        final Map<String, Timer> handlers = new ConcurrentHashMap<>();
        final Map<String, Timer> calls = new ConcurrentHashMap<>();
        final Map<String, Counter> crashes = new ConcurrentHashMap<>();

        Meters(String server) {
            this.server = server;
            restarts = Counter.builder(RESTARTS).description("Supervised restarts").tag("server", server)
                    .register(registry);
            passivations = Counter.builder(PASSIVATIONS).description("Keyed instances stopped after their idle timeout")
                    .tag("server", server).register(registry);
            deadLetters = Counter.builder(DEAD_LETTERS).description("Messages that were never handled")
                    .tag("server", server).register(registry);
            skippedCalls = Counter.builder(SKIPPED_CALLS).description("Calls skipped because their caller had given up")
                    .tag("server", server).register(registry);
        }

        Counter handled(int k, Kind kind) {
            Counter c = handled[k];
            if (c == null) {
                c = Counter.builder(MESSAGES).description("Messages handled").tag("server", server)
                        .tag("kind", kind.tag()).register(registry);
                handled[k] = c;
            }
            return c;
        }

        Timer waited(int k, Kind kind) {
            Timer t = waited[k];
            if (t == null) {
                t = Timer.builder(MAILBOX_WAIT).description("Time messages waited in the mailbox")
                        .tag("server", server).tag("kind", kind.tag()).register(registry);
                waited[k] = t;
            }
            return t;
        }

        Timer handler(Kind kind, Throwable failure) {
            String error = failure == null ? NONE : failure.getClass().getSimpleName();
            return handlers.computeIfAbsent(kind.tag() + "/" + error, k -> Timer.builder(HANDLER)
                    .description("Time in the message handler").tag("server", server).tag("kind", kind.tag())
                    .tag("error", error).register(registry));
        }

        Timer call(CallOutcome outcome, Throwable failure) {
            String exception = failure == null ? NONE : failure.getClass().getSimpleName();
            String result = outcome.name().toLowerCase(java.util.Locale.ROOT);
            return calls.computeIfAbsent(result + "/" + exception, k -> Timer.builder(CALL)
                    .description("Call latency seen by callers").tag("server", server).tag("outcome", result)
                    .tag("exception", exception).register(registry));
        }

        void crash(ExitReason reason) {
            String exception = reason instanceof ExitReason.Crash c ? c.cause().getClass().getSimpleName()
                    : reason.toString().replaceAll("\\(.*", "");
            crashes.computeIfAbsent(exception, e -> Counter.builder(CRASHES).description("Abnormal exits")
                    .tag("server", server).tag("exception", e).register(registry)).increment();
        }
    }
}
