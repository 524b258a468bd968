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

    DashboardController(GenServers genServers) {
        this.genServers = genServers;
    }

    @GetMapping("/dashboard")
    Map<String, Object> snapshot() {
        return genServers.call("dashboard", new Dashboard.GetSnapshot());
    }

    @GetMapping(path = "/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        SseEmitter emitter = new SseEmitter(0L);   // no timeout: the dashboard drops it when a push fails
        genServers.cast("dashboard", new Dashboard.Subscribe(emitter));
        return emitter;
    }
}
