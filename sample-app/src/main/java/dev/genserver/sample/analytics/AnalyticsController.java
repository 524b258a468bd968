package dev.genserver.sample.analytics;

import dev.genserver.spring.GenServers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST for use case 10: reaches the server by name through {@link GenServers}. */
@RestController
class AnalyticsController {

    private final GenServers genServers;

    AnalyticsController(GenServers genServers) {
        this.genServers = genServers;
    }

    @PostMapping("/analytics/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void track(@RequestParam String type, @RequestParam(required = false) String detail) {
        genServers.cast("analytics", new AnalyticsBuffer.Track(type, detail));
    }

    @GetMapping("/analytics")
    AnalyticsBuffer.Stats stats() {
        return genServers.call("analytics", new AnalyticsBuffer.GetStats());
    }
}
