package dev.genserver.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.genserver.dashboard.app.CounterApi;
import dev.genserver.dashboard.app.DashboardTestApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The observer endpoint over HTTP, with the {@code genservers} endpoint read-only (its default):
 * the page, its files and their security headers, and the overview the page polls.
 */
@SpringBootTest(classes = DashboardTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=genservers,observer",
                "genserver.dashboard.sample-interval=100ms", "genserver.dashboard.history-size=5" })
@AutoConfigureRestTestClient
@DirtiesContext
class ObserverEndpointTests {

    @Autowired
    RestTestClient client;

    @Autowired
    CounterApi counter;

    @Test
    void servesThePageWithAContentSecurityPolicy() {
        String page = client.get().uri("/actuator/observer").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Content-Security-Policy", ObserverEndpoint.CONTENT_SECURITY_POLICY)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<script src=\"observer/observer.js\" defer></script>",
                "<link rel=\"stylesheet\" href=\"observer/observer.css\">",
                "<meta http-equiv=\"Content-Security-Policy\"");
    }

    @Test
    void servesItsScriptAndStylesWithTheirTypes() {
        String script = client.get().uri("/actuator/observer/observer.js").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectHeader().valueEquals("Content-Security-Policy", ObserverEndpoint.CONTENT_SECURITY_POLICY)
                .expectBody(String.class).returnResult().getResponseBody();
        // Values go into the page as text only.
        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        client.get().uri("/actuator/observer/observer.css").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css");
        client.get().uri("/actuator/observer/passwd").exchange().expectStatus().isNotFound();
    }

    @Test
    void theOverviewHasNoActionsWhileTheGenserversEndpointIsReadOnly() {
        String overview = client.get().uri("/actuator/observer/overview").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat((String) JsonPath.read(overview, "$.genservers")).isEqualTo("genservers");
        assertThat((Boolean) JsonPath.read(overview, "$.actions")).isFalse();
        assertThat((Integer) JsonPath.read(overview, "$.interval")).isEqualTo(100);
        assertThat(JsonPath.<Object>read(overview, "$")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).doesNotContainKey("health");
        // The write operation is not there either: the page cannot reach what the endpoint refuses.
        client.post().uri("/actuator/genservers/counter").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("action", "restart")).exchange().expectStatus().isEqualTo(405);
    }

    @Test
    void theOverviewKeepsABoundedHistoryAndTheRatesOfServers() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            counter.increment();
            String overview = client.get().uri("/actuator/observer/overview").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            List<Object> history = JsonPath.read(overview, "$.history");
            assertThat(history).hasSize(5);
            assertThat(JsonPath.<Map<String, Object>>read(overview, "$.rates")).containsKeys("counter", "fragile");
            assertThat((Double) JsonPath.read(overview, "$.history[4].throughput")).isPositive();
        });
    }
}
