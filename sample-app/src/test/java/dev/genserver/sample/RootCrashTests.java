package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The root's crash button: the shop follows its root-failure policy ({@code keep-running}):
 * readiness goes DOWN (it includes {@code genservers}), liveness stays UP, requests that need a
 * server answer 503 with the reason, and a restart of the root from the dashboard (the Actuator's
 * restart) brings everything back. A context of its own: it stops every server.
 */
@DirtiesContext
@TestPropertySource(properties = "shop.root-crash-test=true")
class RootCrashTests extends HttpTestSupport {

    @Test
    void aCrashedRootTurnsReadinessDownUntilTheDashboardRestartsIt() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(post("/servers/genserver.supervisor.root/crash").statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> get("/actuator/health/readiness").statusCode() == 503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(getJson("/actuator/genservers").get("running")).isEqualTo(false);
        var order = get("/pageviews/home");
        assertThat(order.statusCode()).isEqualTo(503);
        assertThat(order.body()).contains("not running");

        HttpResponse<String> restart = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/genservers/root"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"restart\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(restart.statusCode()).as(restart.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        assertThat(getJson("/actuator/genservers").get("running")).isEqualTo(true);
        assertThat(get("/pageviews/home").statusCode()).isEqualTo(200);
    }
}
