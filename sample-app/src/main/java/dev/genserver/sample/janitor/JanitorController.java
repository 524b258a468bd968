package dev.genserver.sample.janitor;

import dev.genserver.spring.GenServers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST for use case 6. */
@RestController
class JanitorController {

    private final GenServers genServers;

    JanitorController(GenServers genServers) {
        this.genServers = genServers;
    }

    @GetMapping("/janitor")
    Janitor.Report report() {
        return genServers.call("janitor", new Janitor.GetReport());
    }

    /** Sends the summary message now, as the daily timer would. */
    @PostMapping("/janitor/summary")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void summaryNow() {
        genServers.send("janitor", new Janitor.DailySummary());
    }
}
