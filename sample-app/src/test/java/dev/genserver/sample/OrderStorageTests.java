package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Use case 12: orders are stored in the database and outlive a crash of the workflow server. */
class OrderStorageTests extends HttpTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void ordersAreStoredAndReadBackAfterARestart() {
        long id = number(json(post("/orders?user=carol&amountCents=990")), "id");
        assertThat(json(post("/orders/" + id + "/pay")).get("status")).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("SELECT status FROM orders WHERE id = ?", String.class, id)).isEqualTo("PAID");

        long restarts = number(getJson("/servers/orderWorkflow"), "restarts");
        assertThat(post("/servers/orderWorkflow/crash").statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> number(getJson("/servers/orderWorkflow"), "restarts") > restarts);

        var order = getJson("/orders/" + id);
        assertThat(order.get("status")).isEqualTo("PAID");
        assertThat(order.get("user")).isEqualTo("carol");
        long next = number(json(post("/orders?user=dan&amountCents=100")), "id");
        assertThat(next).isGreaterThan(id);
    }
}
