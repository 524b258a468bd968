package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Use case 5: a bounded pool of 2 workers; a crashing job does not lose the queue. */
class JobQueueTests extends HttpTestSupport {

    @Test
    void crashingJobFailsAloneAndTheRestOfTheQueueIsProcessed() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            String payload = (i == 2 ? "crash-" : "user" + i + "@example.com-") + tag;
            var job = json(post("/jobs?kind=email&payload=" + payload));
            ids.add(number(job, "id"));
        }
        await().atMost(WAIT).until(() -> mine(ids).stream().noneMatch(j -> j.get("status").equals("QUEUED")
                || j.get("status").equals("RUNNING")));
        Map<Object, List<Map<String, Object>>> byStatus = mine(ids).stream()
                .collect(Collectors.groupingBy(j -> j.get("status")));
        assertThat(byStatus.get("DONE")).hasSize(7);
        assertThat(byStatus.get("FAILED")).hasSize(1);
        assertThat((String) byStatus.get("FAILED").getFirst().get("result")).contains("worker crashed");
        assertThat((String) byStatus.get("FAILED").getFirst().get("payload")).startsWith("crash-");

        var stats = getJson("/jobs/stats");
        assertThat(number(stats, "peakBusy")).isBetween(1L, 2L);   // never more than the pool
        assertThat(number(getJson("/servers/jobQueue"), "restarts")).isZero();   // the queue itself never crashed
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> mine(Set<Long> ids) {
        return jsonList(get("/jobs")).stream().map(o -> (Map<String, Object>) o)
                .filter(j -> ids.contains(((Number) j.get("id")).longValue())).toList();
    }
}
