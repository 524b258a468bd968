package dev.genserver.spring.actuate.app;

import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Redact;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A ledger with a secret, supervised by "work". */
@GenServer(supervisor = "work")
public class Ledger implements LedgerApi {

    /** The logger handlers write to. */
    public static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Tracer tracer;
    private final TraceProbe probe;
    private final int instance = INSTANCES.incrementAndGet();
    private int balance;
    @Redact
    private String apiKey = "k-123";

    Ledger(Tracer tracer, TraceProbe probe) {
        this.tracer = tracer;
        this.probe = probe;
    }

    @Override
    public void post(int amount) {
        balance += amount;
    }

    @Override
    public int balance() {
        return balance;
    }

    @Override
    public int crash() {
        throw new IllegalStateException("ledger crashed on purpose");
    }

    @Override
    public String traceId() {
        Span span = tracer.currentSpan();
        return span == null ? null : span.context().traceId();
    }

    @Override
    public void recordTraceId() {
        probe.record(traceId());
    }

    @Override
    public void log(String line) {
        LOG.info(line);
    }

    @Override
    public int instance() {
        return instance;
    }
}
