package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

/**
 * Use case 12: unpaid orders are cancelled after the payment timeout (2 s in tests, so that
 * placing and paying fit in it on a loaded machine).
 */
class OrderWorkflowTests extends HttpTestSupport {

    @Test
    void unpaidOrderIsCancelledAndPaidOrderIsNot() {
        long paid = number(json(post("/orders?user=ann&amountCents=2490")), "id");
        var payment = post("/orders/" + paid + "/pay");
        assertThat(json(payment).get("status")).as(payment.body()).isEqualTo("PAID");
        long unpaid = number(json(post("/orders?user=bob&amountCents=1200")), "id");
        assertThat(getJson("/orders/" + unpaid).get("status")).isIn("PENDING_PAYMENT", "CANCELLED");

        await().atMost(WAIT).until(() -> "CANCELLED".equals(getJson("/orders/" + unpaid).get("status")));
        // the paid order's timer was armed earlier and cancelled: it stays paid
        assertThat(getJson("/orders/" + paid).get("status")).isEqualTo("PAID");
        assertThat(json(post("/orders/" + paid + "/ship")).get("status")).isEqualTo("SHIPPED");

        var late = post("/orders/" + unpaid + "/pay");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("CANCELLED");
        assertThat(get("/orders/99999").statusCode()).isEqualTo(404);
    }
}
