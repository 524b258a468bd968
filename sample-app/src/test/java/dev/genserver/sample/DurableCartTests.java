package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.sample.cart.CartApi;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.state.DurableStates;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Use case 15: durable carts. The application is started, given carts, stopped and started again
 * on the same (file) H2 database: the carts are still there.
 */
class DurableCartTests {

    private final String database = "jdbc:h2:file:./target/durable-carts-" + UUID.randomUUID() + "/shop";

    private ConfigurableApplicationContext start() {
        // command-line arguments: they win over application-test.properties
        return new SpringApplicationBuilder(ShopApplication.class).main(ShopApplication.class).profiles("test")
                .run("--server.port=0", "--spring.datasource.url=" + database, "--shop.janitor.abandoned-after=1h");
    }

    private static KeyedServers<CartApi> carts(ConfigurableApplicationContext app) {
        return app.getBean(KeyedServerManager.class).servers("cart", CartApi.class);
    }

    @Test
    void cartsSurviveARestartOfTheApplication() {
        try (ConfigurableApplicationContext app = start()) {
            carts(app).get("ann").add(1, 2);
            carts(app).get("ann").add(3, 1);
            carts(app).get("bob").add(2, 5);
            assertThat(carts(app).get("bob").contents().items()).isEqualTo(Map.of(2L, 5));
            assertThat(carts(app).get("ann").contents().items()).isEqualTo(Map.of(1L, 2, 3L, 1));
        }
        try (ConfigurableApplicationContext app = start()) {
            assertThat(carts(app).running()).isEmpty();
            assertThat(carts(app).get("ann").contents().items()).isEqualTo(Map.of(1L, 2, 3L, 1));
            assertThat(carts(app).get("bob").contents().items()).isEqualTo(Map.of(2L, 5));
            assertThat(app.getBean(DurableStates.class).stored("cart", "ann").orElseThrow().revision()).isEqualTo(2);
        }
    }
}
