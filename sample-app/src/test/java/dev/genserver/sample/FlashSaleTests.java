package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Use case 4: a flash sale where concurrent buyers never oversell. */
class FlashSaleTests extends HttpTestSupport {

    @Test
    void fiftyParallelBuyersNeverOversell() throws Exception {
        assertThat(post("/flash-sale/restart?stock=20").statusCode()).isEqualTo(200);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (int i = 0; i < 50; i++) {
                String buyer = "buyer-" + i;
                responses.add(pool.submit(() -> {
                    start.await();
                    return post("/flash-sale/buy?buyer=" + buyer);
                }));
            }
            start.countDown();
            int ok = 0;
            int soldOut = 0;
            List<Long> units = new ArrayList<>();
            for (Future<HttpResponse<String>> f : responses) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 200) {
                    ok++;
                    units.add(number(json(r), "unitNumber"));
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
                    assertThat(r.body()).contains("sold out");
                    soldOut++;
                }
            }
            assertThat(ok).isEqualTo(20);
            assertThat(soldOut).isEqualTo(30);
            assertThat(units).doesNotHaveDuplicates().allMatch(u -> u >= 1 && u <= 20);
        }
        Map<String, Object> sale = getJson("/flash-sale");
        assertThat(number(sale, "stock")).isZero();
        assertThat(number(sale, "sold")).isEqualTo(20);
    }
}
