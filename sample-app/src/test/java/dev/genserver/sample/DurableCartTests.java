package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.sample.cart.CartApi;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.state.DurableStates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Use case 16: durable carts. The application is started, given carts, stopped and started again
 * on the same database, a file H2 database and (the {@code postgres} profile) a real PostgreSQL
 * that the test starts: the carts are still there.
 */
class DurableCartTests {

    private static EmbeddedPostgres postgres;

    private String[] profiles = { "test" };
    private String database = "jdbc:h2:file:./target/durable-carts-" + UUID.randomUUID() + "/shop";
    private String user = "sa";
    private String product = "H2";

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private ConfigurableApplicationContext start() {
        // command-line arguments: they win over application-test.properties
        return new SpringApplicationBuilder(ShopApplication.class).main(ShopApplication.class).profiles(profiles)
                .run("--server.port=0", "--spring.datasource.url=" + database, "--spring.datasource.username=" + user,
                        "--spring.datasource.password=", "--shop.janitor.abandoned-after=1h");
    }

    @Test
    void cartsSurviveARestartOfTheApplicationUnderThePostgresProfile() throws IOException, SQLException {
        postgres = EmbeddedPostgres.start();
        profiles = new String[] { "test", "postgres" };
        database = postgres.getJdbcUrl("postgres", "postgres");
        user = "postgres";
        product = "PostgreSQL";
        cartsSurviveARestartOfTheApplication();
    }

    private static KeyedServers<CartApi> carts(ConfigurableApplicationContext app) {
        return app.getBean(KeyedServerManager.class).servers("cart", CartApi.class);
    }

    @Test
    void cartsSurviveARestartOfTheApplication() throws SQLException {
        try (ConfigurableApplicationContext app = start()) {
            carts(app).get("ann").add(1, 2);
            carts(app).get("ann").add(3, 1);
            carts(app).get("bob").add(2, 5);
            assertThat(carts(app).get("bob").contents().items()).isEqualTo(Map.of(2L, 5));
            assertThat(carts(app).get("ann").contents().items()).isEqualTo(Map.of(1L, 2, 3L, 1));
        }
        try (ConfigurableApplicationContext app = start()) {
            try (Connection c = app.getBean(DataSource.class).getConnection()) {
                assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo(product);
            }
            assertThat(carts(app).running()).isEmpty();
            assertThat(carts(app).get("ann").contents().items()).isEqualTo(Map.of(1L, 2, 3L, 1));
            assertThat(carts(app).get("bob").contents().items()).isEqualTo(Map.of(2L, 5));
            assertThat(app.getBean(DurableStates.class).stored("cart", "ann").orElseThrow().revision()).isEqualTo(2);
        }
    }
}
