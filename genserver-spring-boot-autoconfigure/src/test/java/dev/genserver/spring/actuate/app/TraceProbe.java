package dev.genserver.spring.actuate.app;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.stereotype.Component;

/** Where a handler leaves the trace id it saw, for a test to take. */
@Component
public class TraceProbe {

    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    /**
     * Records a trace id.
     *
     * @param traceId the id, or null when there was no span
     */
    public void record(String traceId) {
        seen.add(traceId == null ? "<none>" : traceId);
    }

    /**
     * Returns the queue of recorded ids.
     *
     * @return the queue
     */
    public BlockingQueue<String> seen() {
        return seen;
    }
}
