package dev.genserver.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.actuate.app.LedgerApi;
import dev.genserver.spring.actuate.app.ObservedApplication;
import dev.genserver.spring.actuate.app.SessionApi;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Write operations once {@code management.endpoint.genservers.access=unrestricted}; state is
 * {@code when-authorized}, and with no authenticated user it is not shown.
 */
@SpringBootTest(classes = ObservedApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=genservers",
                "management.endpoint.genservers.access=unrestricted",
                "management.endpoint.genservers.show-values=when-authorized" })
@AutoConfigureRestTestClient
@DirtiesContext
class GenServersEndpointWriteTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    RestTestClient client;

    @Autowired
    LedgerApi ledger;

    @Autowired
    KeyedServers<SessionApi> sessions;

    @Autowired
    GenServers genServers;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(client);
    }

    @Test
    void suspendsAndResumesAServer() {
        int before = ledger.balance();
        try {
            String suspended = http.post("/actuator/genservers/ledger", "suspend", 200);
            assertThat((String) JsonPath.read(suspended, "$.status")).isEqualTo("suspended");
            ledger.post(1);
            ledger.post(2);
            DocumentContext json = http.json("/actuator/genservers/ledger");
            assertThat((String) json.read("$.status")).isEqualTo("suspended");
            assertThat((Integer) json.read("$.mailbox")).isEqualTo(2);
            assertThat((String) json.read("$.state")).isEqualTo("******"); // when-authorized, and nobody is
        } finally {
            String resumed = http.post("/actuator/genservers/ledger", "resume", 200);
            assertThat((String) JsonPath.read(resumed, "$.status")).isEqualTo("running");
        }
        assertThat(ledger.balance()).isEqualTo(before + 3);
    }

    @Test
    void restartsAServerWithAFreshInstance() {
        int instance = ledger.instance();
        int restarts = http.json("/actuator/genservers/ledger").read("$.restarts");
        String body = http.post("/actuator/genservers/ledger", "restart", 200);
        assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("running");
        assertThat((Integer) JsonPath.read(body, "$.restarts")).isEqualTo(restarts + 1);
        assertThat(ledger.instance()).isNotEqualTo(instance);
    }

    @Test
    void restartsASupervisorWithFreshChildren() {
        int instance = ledger.instance();
        String body = http.post("/actuator/genservers/work", "restart", 200);
        assertThat((String) JsonPath.read(body, "$.type")).isEqualTo("supervisor");
        assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("running");
        assertThat(ledger.instance()).isNotEqualTo(instance);
    }

    @Test
    void restartsTheWholeTreeThroughTheRoot() {
        int instance = ledger.instance();
        String body = http.post("/actuator/genservers/root", "restart", 200);
        assertThat((String) JsonPath.read(body, "$.name")).isEqualTo("root");
        assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("running");
        assertThat(ledger.instance()).isNotEqualTo(instance);
        assertThat((Boolean) http.json("/actuator/genservers").read("$.running")).isTrue();
    }

    @Test
    void restartingAKeyedInstanceStopsItUntilItsNextMessage() {
        assertThat(sessions.get("dora").touch()).isEqualTo(1);
        assertThat(sessions.get("dora").touch()).isEqualTo(2);
        String body = http.post("/actuator/genservers/session/dora", "restart", 200);
        assertThat((String) JsonPath.read(body, "$.name")).isEqualTo("session[dora]");
        await().atMost(WAIT).until(() -> sessions.whereis("dora").isEmpty());
        assertThat(sessions.get("dora").touch()).isEqualTo(1); // a fresh instance
    }

    @Test
    void refusesWhatDoesNotApply() {
        assertThat(JsonPath.<String>read(http.post("/actuator/genservers/ledger", "explode", 400), "$.error"))
                .contains("unknown action");
        assertThat(JsonPath.<String>read(http.post("/actuator/genservers/work", "suspend", 400), "$.error"))
                .contains("only servers");
        assertThat(JsonPath.<String>read(http.post("/actuator/genservers/session", "restart", 400), "$.error"))
                .contains("keyed server");
        assertThat(http.post("/actuator/genservers/no-such-server", "restart")).isEqualTo(404);
        assertThat(http.post("/actuator/genservers/session/nobody", "restart")).isEqualTo(404);
        assertThat(genServers.ref("ledger").info().status().name()).isEqualTo("RUNNING");
    }
}
