package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genserver.spring.GenServers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Use case 14: a crash button; the supervisor restarts the server and the count goes up. */
class CrashButtonTests extends HttpTestSupport {

    @Autowired
    GenServers genServers;

    @Test
    void crashIsFollowedByARestartVisibleInTheActuator() {
        long before = number(getJson("/actuator/genservers/pageViews"), "restarts");
        assertThat(number(getJson("/servers/pageViews"), "restarts")).isEqualTo(before);
        var crash = post("/servers/pageViews/crash");
        assertThat(crash.statusCode()).isEqualTo(202);
        assertThat(number(json(crash), "restartsBefore")).isEqualTo(before);

        await().atMost(WAIT).until(() -> {
            var r = get("/actuator/genservers/pageViews");
            return r.statusCode() == 200 && number(json(r), "restarts") == before + 1;
        });
        Map<String, Object> server = getJson("/actuator/genservers/pageViews");
        assertThat(server.get("status")).isEqualTo("running");
        assertThat(server.get("lastCrash").toString()).contains("crash button pressed");
        assertThat(number(getJson("/servers/pageViews"), "restarts")).isEqualTo(before + 1);
        assertThat(genServers.ref("pageViews").info().restarts()).isEqualTo(before + 1);

        // the fresh instance serves requests (with fresh state)
        String page = "after-crash-" + UUID.randomUUID();
        post("/pageviews/" + page);
        await().atMost(WAIT).until(() -> number(getJson("/pageviews/" + page), "views") == 1);

        assertThat(post("/servers/no-such-server/crash").statusCode()).isEqualTo(404);
    }

    @Test
    void keyedInstanceCanBeCrashedToo() {
        getJson("/carts/dave");    // a call: the instance is running when it returns
        assertThat(get("/servers/cart%5Bdave%5D").statusCode()).isEqualTo(200);
        assertThat(post("/servers/cart%5Bdave%5D/crash").statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> {
            getJson("/carts/dave");    // a message: keeps the cart from being passivated (2 s idle in tests)
            var r = get("/servers/cart%5Bdave%5D");
            return r.statusCode() == 200 && number(json(r), "restarts") == 1;
        });
    }

    @Test
    void actuatorShowsEveryServerOfTheShop() {
        assertThat(getJson("/actuator/health").get("status")).isEqualTo("UP");
        String tree = get("/actuator/genservers").body();
        assertThat(tree).contains("\"pageViews\"", "\"productCache\"", "\"cart\"", "\"flashSale\"",
                "\"jobQueue\"", "\"jobWorker\"", "\"janitor\"", "\"rateLimiter\"", "\"paymentClient\"",
                "\"tokenManager\"", "\"analytics\"", "\"productImporter\"", "\"orderWorkflow\"",
                "\"dashboard\"", "\"payments\"", "rest_for_one");
        assertThat(get("/actuator/metrics/genserver.restarts").statusCode()).isEqualTo(200);
    }
}
