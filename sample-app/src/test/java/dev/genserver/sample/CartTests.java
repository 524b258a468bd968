package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Use case 3: a cart per user, started on demand and passivated when idle (2 s in tests); use
 * case 16: durable, so a passivated cart comes back with its items.
 */
class CartTests extends HttpTestSupport {

    @Test
    void cartStartsOnDemandAndIsPassivatedWhenIdle() {
        String user = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/carts/" + user + "/items?productId=1&quantity=2").statusCode()).isEqualTo(202);
        assertThat(post("/carts/" + user + "/items?productId=3").statusCode()).isEqualTo(202);
        assertThat(post("/carts/" + other + "/items?productId=2").statusCode()).isEqualTo(202);

        // each cart is checked right after it was used: the test profile's idle timeout is 2 s,
        // and on a loaded machine the requests between a use and a check can take a while
        Map<String, Object> cart = getJson("/carts/" + user);
        assertThat(running()).contains("cart[" + user + "]");
        assertThat(cart.get("user")).isEqualTo(user);
        assertThat(cart.get("items")).isEqualTo(Map.of("1", 2, "3", 1));
        assertThat(getJson("/carts/" + other).get("items")).isEqualTo(Map.of("2", 1));
        assertThat(running()).contains("cart[" + other + "]");

        // idle for shop.cart.idle-timeout: passivated
        await().atMost(WAIT).until(() -> !running().contains("cart[" + user + "]"));
        // the next message starts the cart again, with the items it had (it is @Durable)
        assertThat(getJson("/carts/" + user).get("items")).isEqualTo(Map.of("1", 2, "3", 1));
        assertThat(running()).contains("cart[" + user + "]");
    }

    @SuppressWarnings("unchecked")
    private List<String> running() {
        return (List<String>) getJson("/carts").get("running");
    }
}
