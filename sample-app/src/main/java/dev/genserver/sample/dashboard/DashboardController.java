package dev.genserver.sample.dashboard;

import dev.genserver.spring.GenServers;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** REST and server-sent events for use case 13; the page is {@code /index.html}. */
@RestController
class DashboardController {

    private final GenServers genServers;
    private final CounterStreams streams;

    DashboardController(GenServers genServers, CounterStreams streams) {
        this.genServers = genServers;
        this.streams = streams;
    }

    @GetMapping("/dashboard")
    Map<String, Object> snapshot() {
        return genServers.call("dashboard", new Dashboard.GetSnapshot());
    }

    @GetMapping(path = "/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        SseEmitter emitter = streams.open();
        try {
            genServers.cast("dashboard", new Dashboard.Welcome(emitter));   // the first counters at once
        } catch (RuntimeException restarting) {
            // the dashboard server is being restarted: the stream gets the counters at its next tick
        }
        return emitter;
    }
}
