package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Use cases 8 and 9: retries with backoff against a gateway that fails half the time (in tests),
 * with a token that lives 1.5 s and is refreshed before it expires.
 */
class PaymentsTests extends HttpTestSupport {

    @Test
    void everyChargeSucceedsThroughRetriesAndAttemptsAddUp() throws Exception {
        long chargesBefore = number(getJson("/stub/stats"), "charges");
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                String reference = "order-" + i;
                responses.add(pool.submit(() -> post("/payments?reference=" + reference + "&amountCents=1000")));
            }
            long attempts = 0;
            for (Future<HttpResponse<String>> f : responses) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                Map<String, Object> receipt = json(r);
                assertThat(receipt.get("paid")).isEqualTo(true);
                assertThat((String) receipt.get("chargeId")).startsWith("ch-");
                attempts += number(receipt, "attempts");
            }
            // every attempt reached the stub gateway, and only those (this test is the only client)
            assertThat(number(getJson("/stub/stats"), "charges") - chargesBefore).isEqualTo(attempts);
            assertThat(attempts).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void tokenIsRefreshedBeforeItExpires() {
        post("/payments?reference=warm-up&amountCents=1");    // the first charge fetches a token
        long refreshes = number(getJson("/payments/token"), "refreshes");
        // refreshed by its timer at 80% of its 1.5 s lifetime, with no request asking for it
        await().atMost(WAIT).until(() -> number(getJson("/payments/token"), "refreshes") >= refreshes + 2);
        Map<String, Object> status = getJson("/payments/token");
        assertThat(number(status, "expiresInMillis")).isPositive();
        assertThat((String) status.get("tokenPrefix")).startsWith("tok-");
    }
}
