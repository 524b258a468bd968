package dev.genserver.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.genserver.process.CallFailedException;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.actuate.healthapp.BrittleApi;
import dev.genserver.spring.actuate.healthapp.HealthApplication;
import dev.genserver.spring.actuate.healthapp.SlowApi;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The {@code genservers} health contributor over real HTTP: DOWN when a supervisor gives up, UP
 * again once it is restarted (through the endpoint), DEGRADED on a mailbox backlog, and part of
 * the readiness group. The root supervisor waits a minute before restarting a child, so a
 * supervisor that gave up stays down until the test restarts it.
 */
@SpringBootTest(classes = HealthApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=genservers,health",
                "management.endpoint.genservers.access=unrestricted",
                "management.endpoint.health.show-details=always",
                "management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN",
                "management.endpoint.health.group.readiness.include=readinessState,genservers",
                "management.endpoint.health.group.readiness.show-details=always",
                "management.health.genservers.mailbox-backlog-threshold=5",
                "management.health.genservers.backlog-status=DEGRADED",
                "genserver.supervisors.root.backoff.initial=60s",
                "genserver.supervisors.root.backoff.max=60s",
                "genserver.supervisors.root.backoff.jitter=0" })
@AutoConfigureRestTestClient
@DirtiesContext
class GenServersHealthTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    RestTestClient client;

    @Autowired
    BrittleApi brittle;

    @Autowired
    SlowApi slow;

    @Autowired
    GenServers genServers;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(client);
    }

    private DocumentContext health(String path) {
        return JsonPath.parse(client.get().uri(path).exchange().expectBody(String.class).returnResult()
                .getResponseBody());
    }

    private int status(String path) {
        return client.get().uri(path).exchange().returnResult().getStatus().value();
    }

    @Test
    void downWhenASupervisorGivesUpAndUpAgainOnceItIsRestarted() {
        await().atMost(WAIT).until(() -> "UP".equals(health("/actuator/health/genservers").read("$.status")));
        DocumentContext up = health("/actuator/health/genservers");
        assertThat((String) up.read("$.details.supervisors.fragile.status")).isEqualTo("UP");
        assertThat((String) up.read("$.details.supervisors.root.strategy")).isEqualTo("one_for_one");
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);

        assertThatThrownBy(brittle::crash).isInstanceOf(CallFailedException.class);

        await().atMost(WAIT).until(() -> status("/actuator/health/genservers") == 503);
        DocumentContext down = health("/actuator/health/genservers");
        assertThat((String) down.read("$.status")).isEqualTo("DOWN");
        assertThat((String) down.read("$.details.supervisors.fragile.status")).isEqualTo("DOWN");
        assertThat((Boolean) down.read("$.details.supervisors.fragile.gaveUp")).isTrue();
        assertThat((String) down.read("$.details.supervisors.fragile.state")).isEqualTo("restarting");
        assertThat((String) down.read("$.details.supervisors.root.status")).isEqualTo("DOWN");
        assertThat(status("/actuator/health/readiness")).isEqualTo(503);
        assertThat((String) health("/actuator/health/readiness").read("$.components.genservers.status"))
                .isEqualTo("DOWN");
        assertThat(status("/actuator/health")).isEqualTo(503);

        String restarted = http.post("/actuator/genservers/fragile", "restart", 200);
        assertThat((String) JsonPath.read(restarted, "$.status")).isEqualTo("running");

        await().atMost(WAIT).until(() -> status("/actuator/health/genservers") == 200);
        assertThat((String) health("/actuator/health/genservers").read("$.details.supervisors.fragile.status"))
                .isEqualTo("UP");
        assertThat(status("/actuator/health/readiness")).isEqualTo(200);
        assertThat(brittle.ping()).isEqualTo("pong");
    }

    @Test
    void degradedWhileAMailboxIsBackedUp() {
        http.post("/actuator/genservers/slow", "suspend", 200);
        try {
            for (int i = 0; i < 5; i++) {
                slow.nudge();
            }
            DocumentContext degraded = health("/actuator/health/genservers");
            assertThat((String) degraded.read("$.status")).isEqualTo("DEGRADED");
            assertThat((Integer) degraded.read("$.details.backlog.slow")).isEqualTo(5);
            assertThat((Integer) degraded.read("$.details.mailboxBacklogThreshold")).isEqualTo(5);
            assertThat((String) health("/actuator/health").read("$.status")).isEqualTo("DEGRADED");
        } finally {
            http.post("/actuator/genservers/slow", "resume", 200);
        }
        assertThat(slow.nudges()).isEqualTo(5);
        await().atMost(WAIT).until(() -> {
            Map<String, Object> details = health("/actuator/health/genservers").read("$.details");
            return !details.containsKey("backlog");
        });
    }
}
