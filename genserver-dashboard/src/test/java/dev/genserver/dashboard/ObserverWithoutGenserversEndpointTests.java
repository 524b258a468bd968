package dev.genserver.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.genserver.dashboard.app.DashboardTestApplication;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The observer exposed without the {@code genservers} endpoint shows nothing of the processes. */
@SpringBootTest(classes = DashboardTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=observer",
                "genserver.dashboard.sample-interval=100ms" })
@AutoConfigureRestTestClient
@DirtiesContext
class ObserverWithoutGenserversEndpointTests {

    @Autowired
    RestTestClient client;

    @Test
    void theOverviewSaysTheGenserversEndpointIsMissingAndListsNoProcess() {
        String overview = client.get().uri("/actuator/observer/overview").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(JsonPath.<Map<String, Object>>read(overview, "$")).containsOnlyKeys("actions", "interval", "history",
                "rates").containsEntry("actions", false).containsEntry("history", List.of())
                .containsEntry("rates", Map.of());
    }
}
