package dev.genserver.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.genserver.dashboard.app.DashboardTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The observer on a management port of its own, under another base path and path mapping: served
 * there only, with its headers, and the page finds its files and the {@code genservers} endpoint
 * by relative paths.
 */
@SpringBootTest(classes = DashboardTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", "management.endpoints.web.base-path=/manage",
                "management.endpoints.web.path-mapping.observer=tools/observer",
                "management.endpoints.web.exposure.include=genservers,observer,health",
                "management.endpoint.genservers.access=unrestricted" })
@DirtiesContext
class ObserverOnManagementPortTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void isServedOnTheManagementPortOnly() {
        RestTestClient management = RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        String page = management.get().uri("/manage/tools/observer").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Security-Policy", ObserverEndpoint.CONTENT_SECURITY_POLICY)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<script src=\"observer/observer.js\" defer></script>");
        management.get().uri("/manage/tools/observer/observer.js").exchange().expectStatus().isOk();
        String overview = management.get().uri("/manage/tools/observer/overview").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat((String) JsonPath.read(overview, "$.genservers")).isEqualTo("../genservers");
        assertThat((String) JsonPath.read(overview, "$.health")).isEqualTo("../health");
        assertThat((Boolean) JsonPath.read(overview, "$.actions")).isTrue();

        RestTestClient application = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        application.get().uri("/manage/tools/observer").exchange().expectStatus().isNotFound();
    }

    @Test
    void relativizesPaths() {
        assertThat(ObserverEndpoint.relativize("/actuator/", "/actuator/genservers")).isEqualTo("genservers");
        assertThat(ObserverEndpoint.relativize("/manage/tools/", "/manage/genservers")).isEqualTo("../genservers");
        assertThat(ObserverEndpoint.relativize("/", "/genservers")).isEqualTo("genservers");
        assertThat(ObserverEndpoint.relativize("/a/b/", "/c/d")).isEqualTo("../../c/d");
    }
}
