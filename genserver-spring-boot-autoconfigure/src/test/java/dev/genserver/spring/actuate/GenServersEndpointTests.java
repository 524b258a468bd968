package dev.genserver.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.jayway.jsonpath.DocumentContext;
import dev.genserver.process.CallFailedException;
import dev.genserver.process.CallTimeoutException;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.actuate.app.LedgerApi;
import dev.genserver.spring.actuate.app.Meter;
import dev.genserver.spring.actuate.app.ObservedApplication;
import dev.genserver.spring.actuate.app.SessionApi;
import dev.genserver.spring.actuate.app.TraceProbe;
import dev.genserver.spring.actuate.app.Vault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.minidev.json.JSONArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * {@code /actuator/genservers}, the meters, observations and MDC of a running application, over
 * real HTTP, with state shown ({@code show-values=always}).
 */
@SpringBootTest(classes = ObservedApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=genservers,health,metrics",
                "management.endpoint.genservers.show-values=always",
                "management.tracing.sampling.probability=1.0" })
@AutoConfigureRestTestClient
class GenServersEndpointTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    RestTestClient client;

    @Autowired
    LedgerApi ledger;

    @Autowired
    KeyedServers<SessionApi> sessions;

    @Autowired
    GenServers genServers;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TraceProbe probe;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(client);
    }

    private static Map<String, Object> node(DocumentContext json, String name) {
        JSONArray found = json.read("$..[?(@.name == '" + name + "')]");
        assertThat(found).as("node %s in %s", name, json.jsonString()).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) found.getFirst();
        return node;
    }

    // ---- the tree -------------------------------------------------------------------------------

    @Test
    void showsTheTreeWithACrashedAndRestartedServer() {
        long restarts = genServers.ref("ledger").info().restarts();
        assertThatThrownBy(ledger::crash).isInstanceOf(CallFailedException.class);
        await().atMost(WAIT).until(() -> genServers.ref("ledger").info().restarts() > restarts
                && genServers.ref("ledger").info().status().name().equals("RUNNING"));

        DocumentContext json = http.json("/actuator/genservers");
        assertThat((Boolean) json.read("$.running")).isTrue();
        assertThat((String) json.read("$.tree.name")).isEqualTo("root");
        assertThat((String) json.read("$.tree.type")).isEqualTo("supervisor");
        assertThat((String) json.read("$.tree.status")).isEqualTo("running");

        Map<String, Object> work = node(json, "work");
        assertThat(work).containsEntry("type", "supervisor").containsEntry("strategy", "one_for_one")
                .containsEntry("supervisor", "root").containsEntry("restart", "permanent");

        Map<String, Object> ledgerNode = node(json, "ledger");
        assertThat(ledgerNode).containsEntry("type", "worker")
                .containsEntry("className", "dev.genserver.spring.actuate.app.Ledger")
                .containsEntry("supervisor", "work").containsEntry("restart", "permanent")
                .containsEntry("status", "running").containsKeys("mailbox", "messagesHandled", "deadLetters",
                        "uptime", "startedAt", "skippedCalls")
                .doesNotContainKey("state");
        assertThat(((Number) ledgerNode.get("restarts")).longValue()).isGreaterThan(restarts);
        @SuppressWarnings("unchecked")
        Map<String, Object> crash = (Map<String, Object>) ledgerNode.get("lastCrash");
        assertThat(crash).containsEntry("exceptionType", "java.lang.IllegalStateException")
                .containsEntry("exceptionMessage", "ledger crashed on purpose")
                .containsEntry("messageType", "LedgerApi.crash()").containsKeys("time", "reason");

        assertThat(node(json, "vault")).containsEntry("supervisor", "root").containsEntry("status", "running");
    }

    @Test
    void summarisesKeyedServersAndFindsOneInstanceByKey() {
        sessions.get("ann").touch();
        sessions.get("bob").touch();
        assertThat(sessions.get("ann").touch()).isEqualTo(2);

        Map<String, Object> summary = node(http.json("/actuator/genservers"), "session");
        assertThat(summary).containsEntry("type", "keyed").containsEntry("supervisor", "keyed.session")
                .containsEntry("status", "running").containsEntry("idleTimeout", "PT30M");
        assertThat(((Number) summary.get("alive")).intValue()).isGreaterThanOrEqualTo(2);

        DocumentContext one = http.json("/actuator/genservers/session/ann");
        assertThat((String) one.read("$.name")).isEqualTo("session[ann]");
        assertThat((String) one.read("$.supervisor")).isEqualTo("keyed.session");
        assertThat((Integer) one.read("$.state.touches")).isEqualTo(2);
        assertThat((String) one.read("$.state.user")).isEqualTo("ann");

        assertThat((String) http.json("/actuator/genservers/session").read("$.type")).isEqualTo("keyed");
        http.get("/actuator/genservers/session/nobody", 404);
        http.get("/actuator/genservers/ledger/ann", 404);
    }

    @Test
    void aKeyedServersInstancesAndMailboxesAreCountedWithoutWalkingThem() {
        sessions.get("erin").touch();
        ServerRef erin = sessions.whereis("erin").orElseThrow();
        Map<String, Object> before = node(http.json("/actuator/genservers"), "session");
        assertThat(((Number) before.get("alive")).intValue()).isEqualTo(sessions.running().size());
        long queued = ((Number) before.get("mailbox")).longValue();
        erin.suspend(); // the casts below wait in its mailbox
        try {
            for (int i = 0; i < 3; i++) {
                erin.cast(new Object());
            }
            Map<String, Object> backedUp = node(http.json("/actuator/genservers"), "session");
            assertThat(((Number) backedUp.get("mailbox")).longValue()).isEqualTo(queued + 3);
            assertThat(meters.get("genserver.mailbox.size").tag("server", "session").gauge().value())
                    .isEqualTo(queued + 3.0);
        } finally {
            erin.resume();
        }
        await().atMost(WAIT).until(() -> ((Number) node(http.json("/actuator/genservers"), "session")
                .get("mailbox")).longValue() == queued);
        assertThat(meters.get("genserver.mailbox.size").tag("server", "session").gauge().value()).isEqualTo(queued);
    }

    @Test
    void whatAStoppedInstanceHadNotTakenLeavesTheMailboxTotal() {
        sessions.get("fred").touch();
        ServerRef fred = sessions.whereis("fred").orElseThrow();
        long queued = ((Number) node(http.json("/actuator/genservers"), "session").get("mailbox")).longValue();
        int alive = ((Number) node(http.json("/actuator/genservers"), "session").get("alive")).intValue();
        fred.suspend(); // the casts below are never taken: the instance stops with them queued
        fred.cast(new Object());
        fred.cast(new Object());
        assertThat(((Number) node(http.json("/actuator/genservers"), "session").get("mailbox")).longValue())
                .isEqualTo(queued + 2);
        assertThat(sessions.stop("fred")).isTrue();
        // The totals follow once the runtime has reported the exit.
        await().atMost(WAIT).until(() -> ((Number) node(http.json("/actuator/genservers"), "session")
                .get("alive")).intValue() == alive - 1);
        assertThat(fred.isAlive()).isFalse();
        assertThat(((Number) node(http.json("/actuator/genservers"), "session").get("mailbox")).longValue())
                .isEqualTo(queued);
    }

    @Test
    void showsOneServerWithItsRedactedState() {
        ledger.post(5);
        int balance = ledger.balance();
        DocumentContext json = http.json("/actuator/genservers/ledger");
        assertThat((String) json.read("$.name")).isEqualTo("ledger");
        assertThat((String) json.read("$.supervisor")).isEqualTo("work");
        assertThat((Integer) json.read("$.state.balance")).isEqualTo(balance);
        assertThat((String) json.read("$.state.apiKey")).isEqualTo("******");
        assertThat(json.jsonString()).doesNotContain("k-123").doesNotContain(":null"); // the Actuator's mapper

        DocumentContext work = http.json("/actuator/genservers/work");
        assertThat((String) work.read("$.type")).isEqualTo("supervisor");
        List<String> children = work.read("$.children[*].name");
        assertThat(children).contains("ledger");

        http.get("/actuator/genservers/nothing-is-called-this", 404);
    }

    @Test
    void aRedactionHookThatThrowsShowsNothing() {
        assertThat((Integer) genServers.call("vault", new Vault.Length())).isEqualTo(16);
        String body = http.get("/actuator/genservers/vault", 200);
        assertThat(body).doesNotContain("top-secret-value");
        assertThat((String) com.jayway.jsonpath.JsonPath.read(body, "$.state")).isEqualTo("******");
        assertThat((String) com.jayway.jsonpath.JsonPath.read(body, "$.status")).isEqualTo("running");
    }

    @Test
    void writeOperationsAreRefusedByDefault() {
        int status = http.post("/actuator/genservers/ledger", "suspend");
        assertThat(status).isGreaterThanOrEqualTo(400).isNotEqualTo(500);
        assertThat(genServers.ref("ledger").info().status().name()).isEqualTo("RUNNING");
        assertThat(http.post("/actuator/genservers/session/ann", "restart")).isGreaterThanOrEqualTo(400);
    }

    // ---- meters ---------------------------------------------------------------------------------

    private double count(String name, String... tags) {
        Search search = meters.find(name).tags(tags);
        if (search.counter() != null) {
            return search.counter().count();
        }
        if (search.timer() != null) {
            return search.timer().count();
        }
        if (search.functionCounter() != null) {
            return search.functionCounter().count();
        }
        return 0;
    }

    @Test
    void lifeCycleMetersCountRestartsCrashesDeadLettersAndLiveServers() {
        double crashes = count("genserver.crashes", "server", "ledger");
        double restarts = count("genserver.restarts", "server", "ledger");
        long before = genServers.ref("ledger").info().restarts();
        assertThatThrownBy(ledger::crash).isInstanceOf(CallFailedException.class);
        await().atMost(WAIT).until(() -> genServers.ref("ledger").info().restarts() > before);
        await().atMost(WAIT).until(() -> count("genserver.restarts", "server", "ledger") > restarts);
        assertThat(count("genserver.crashes", "server", "ledger")).isEqualTo(crashes + 1);

        double deadLetters = count("genserver.dead.letters", "server", "meter");
        genServers.cast("meter", new Meter.Unknown());
        genServers.<Integer>call("meter", new Meter.Count()); // handled after the cast: it is counted by now
        assertThat(count("genserver.dead.letters", "server", "meter")).isEqualTo(deadLetters + 1);

        assertThat(meters.get("genserver.servers.live").tag("server", "ledger").gauge().value()).isEqualTo(1.0);
        sessions.get("carol").touch();
        assertThat(meters.get("genserver.servers.live").tag("server", "session").gauge().value())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(meters.get("genserver.mailbox.size").tag("server", "ledger").gauge().value()).isZero();
        assertThat(meters.find("genserver.servers.live").tagKeys("server").gauges())
                .noneMatch(g -> g.getId().getTag("server").contains("["));

        DocumentContext json = http.json("/actuator/metrics/genserver.servers.live?tag=server:vault");
        assertThat((Double) json.read("$.measurements[0].value")).isEqualTo(1.0);
    }

    @Test
    void perMessageMetersAfterKnownTraffic() {
        for (int i = 0; i < 3; i++) {
            genServers.cast("meter", new Meter.Tick());
        }
        genServers.cast("meter", new Meter.Unknown());
        int ticks = genServers.call("meter", new Meter.Count());
        assertThat(ticks).isGreaterThanOrEqualTo(3);
        // Every message before the call was handled when the call was; the call's own meters are
        // recorded before its caller wakes up.
        assertThat(count("genserver.messages", "server", "meter", "kind", "cast")).isEqualTo(ticks + countUnknown());
        assertThat(count("genserver.messages", "server", "meter", "kind", "call"))
                .isEqualTo(count("genserver.call", "server", "meter", "outcome", "replied"));
        assertThat(count("genserver.mailbox.wait", "server", "meter", "kind", "cast"))
                .isEqualTo(count("genserver.messages", "server", "meter", "kind", "cast"));
        assertThat(count("genserver.handler", "server", "meter", "kind", "cast", "error", "none"))
                .isEqualTo(count("genserver.messages", "server", "meter", "kind", "cast"));
        assertThat(meters.find("genserver.messages").tagKeys("server").counters())
                .noneMatch(c -> c.getId().getTag("server").contains("["));

        DocumentContext json = http.json("/actuator/metrics/genserver.messages?tag=server:meter&tag=kind:cast");
        assertThat((Double) json.read("$.measurements[0].value"))
                .isEqualTo(count("genserver.messages", "server", "meter", "kind", "cast"));

        double failed = count("genserver.call", "server", "ledger", "outcome", "failed", "exception",
                "CallFailedException");
        assertThatThrownBy(ledger::crash).isInstanceOf(CallFailedException.class);
        assertThat(count("genserver.call", "server", "ledger", "outcome", "failed", "exception",
                "CallFailedException")).isEqualTo(failed + 1);
    }

    @Test
    void callsWhoseCallerGaveUpAreCountedAsAbandonedThenSkipped() {
        ServerRef meter = genServers.ref("meter");
        double abandoned = count("genserver.call", "server", "meter", "outcome", "abandoned");
        double skipped = count("genserver.calls.skipped", "server", "meter");
        meter.suspend(); // the call below waits in the mailbox until its caller gives up
        try {
            assertThatThrownBy(() -> meter.call(new Meter.Count(), Duration.ofMillis(50)))
                    .isInstanceOf(CallTimeoutException.class);
            assertThat(count("genserver.call", "server", "meter", "outcome", "abandoned")).isEqualTo(abandoned + 1);
        } finally {
            meter.resume();
        }
        genServers.<Integer>call("meter", new Meter.Count()); // behind the abandoned call, which was skipped
        assertThat(count("genserver.calls.skipped", "server", "meter")).isEqualTo(skipped + 1);
        assertThat(meter.info().skippedCalls()).isGreaterThanOrEqualTo(1);
    }

    /** Dead-letter casts sent by other tests of this class, which count as handled casts too. */
    private double countUnknown() {
        return count("genserver.dead.letters", "server", "meter");
    }

    // ---- observations and logging ---------------------------------------------------------------

    @Test
    void theTraceOfACallerCrossesTheMailbox() throws Exception {
        DocumentContext call = http.json("/trace/call");
        String caller = call.read("$.caller");
        assertThat(caller).isNotBlank().isNotEqualTo("<none>");
        assertThat((String) call.read("$.server")).isEqualTo(caller);

        probe.seen().clear();
        String castBody = client.post().uri("/trace/cast").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        String castCaller = com.jayway.jsonpath.JsonPath.read(castBody, "$.caller");
        assertThat(probe.seen().poll(20, TimeUnit.SECONDS)).isEqualTo(castCaller).isNotEqualTo(caller);
    }

    @Test
    void logLinesFromAHandlerCarryTheServerNameInTheMdc() {
        try (LogCapture logs = new LogCapture(dev.genserver.spring.actuate.app.Ledger.class.getName())) {
            ledger.log("hello from the ledger");
            ledger.balance(); // handled after the cast
            ILoggingEvent event = logs.events().stream()
                    .filter(e -> e.getFormattedMessage().equals("hello from the ledger")).findFirst().orElseThrow();
            assertThat(event.getMDCPropertyMap()).containsEntry("genserver.server", "ledger")
                    .containsEntry("genserver.message", "LedgerApi.log(String)").containsKey("traceId");
        }
    }

    @Test
    void crashLogsShowTheLastMessageTypeAndNoStateByDefault() {
        try (LogCapture logs = new LogCapture("dev.genserver.process")) {
            assertThatThrownBy(ledger::crash).isInstanceOf(CallFailedException.class);
            await().atMost(WAIT).until(() -> logs.events().stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("LedgerApi.crash()")));
            String line = logs.events().stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("LedgerApi.crash()")).findFirst().orElseThrow();
            assertThat(line).contains("server ledger").doesNotContain("apiKey").doesNotContain("k-123");
        }
    }
}
