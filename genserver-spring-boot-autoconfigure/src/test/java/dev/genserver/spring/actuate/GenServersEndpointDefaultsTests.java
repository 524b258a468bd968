package dev.genserver.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.actuate.app.LedgerApi;
import dev.genserver.spring.actuate.app.ObservedApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The endpoint with nothing configured but its exposure: no state, no write operations. */
@SpringBootTest(classes = ObservedApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=genservers,health")
@AutoConfigureRestTestClient
class GenServersEndpointDefaultsTests {

    @Autowired
    RestTestClient client;

    @Autowired
    LedgerApi ledger;

    @Autowired
    GenServers genServers;

    @Test
    void neverShowsStateByDefault() {
        ledger.post(42);
        DocumentContext json = new Http(client).json("/actuator/genservers/ledger");
        assertThat((String) json.read("$.state")).isEqualTo("******");
        assertThat(json.jsonString()).doesNotContain("k-123").doesNotContain("balance");
        assertThat((String) json.read("$.status")).isEqualTo("running");
    }

    @Test
    void readsTheTree() {
        DocumentContext json = new Http(client).json("/actuator/genservers");
        assertThat((String) json.read("$.tree.name")).isEqualTo("root");
        assertThat(json.jsonString()).doesNotContain("\"state\"");
    }

    @Test
    void refusesWriteOperations() {
        Http http = new Http(client);
        for (String action : new String[] { "restart", "suspend", "resume" }) {
            int status = http.post("/actuator/genservers/ledger", action);
            assertThat(status).as(action).isBetween(400, 499);
        }
        assertThat(genServers.ref("ledger").info().status().name()).isEqualTo("RUNNING");
        assertThat(genServers.ref("ledger").info().restarts()).isZero();
    }
}
