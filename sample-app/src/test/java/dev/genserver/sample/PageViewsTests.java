package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Use case 1: a page-view counter incremented concurrently, no lock. */
class PageViewsTests extends HttpTestSupport {

    @Test
    void thousandConcurrentIncrementsAreAllCounted() throws Exception {
        String page = "home-" + UUID.randomUUID();
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 1000; i++) {
                statuses.add(pool.submit(() -> post("/pageviews/" + page).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(202);
            }
        }
        // every hit is a cast: wait until the server has handled all of them
        await().atMost(WAIT).until(() -> number(getJson("/pageviews/" + page), "views") == 1000);
        assertThat(getJson("/pageviews")).containsKey(page);
    }
}
