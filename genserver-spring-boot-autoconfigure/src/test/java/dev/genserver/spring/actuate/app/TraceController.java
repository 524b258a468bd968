package dev.genserver.spring.actuate.app;

import io.micrometer.tracing.Tracer;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reports the trace id of the HTTP request and the one a server's handler saw. */
@RestController
public class TraceController {

    private final LedgerApi ledger;
    private final Tracer tracer;

    TraceController(LedgerApi ledger, Tracer tracer) {
        this.ledger = ledger;
        this.tracer = tracer;
    }

    @GetMapping("/trace/call")
    Map<String, String> call() {
        return Map.of("caller", callerTraceId(), "server", String.valueOf(ledger.traceId()));
    }

    @PostMapping("/trace/cast")
    Map<String, String> cast() {
        ledger.recordTraceId();
        return Map.of("caller", callerTraceId());
    }

    private String callerTraceId() {
        return tracer.currentSpan() == null ? "<none>" : tracer.currentSpan().context().traceId();
    }
}
