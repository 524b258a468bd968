package dev.genserver.sample.jobs;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST for use case 5. */
@RestController
class JobController {

    private final JobQueueApi queue;

    JobController(JobQueueApi queue) {
        this.queue = queue;
    }

    @PostMapping("/jobs")
    JobQueueApi.Job submit(@RequestParam String kind, @RequestParam String payload) {
        return queue.submit(kind, payload);
    }

    @GetMapping("/jobs")
    List<JobQueueApi.Job> jobs() {
        return queue.jobs();
    }

    @GetMapping("/jobs/stats")
    JobQueueApi.Stats stats() {
        return queue.stats();
    }
}
