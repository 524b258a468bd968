package dev.genserver.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.process.ExitReason;
import dev.genserver.spring.app.Events;
import dev.genserver.spring.app.OrdersApi;
import dev.genserver.spring.app.ShopApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts and closes the whole application, with and without virtual threads. */
class GracefulShutdownTests {

    @ParameterizedTest(name = "spring.threads.virtual.enabled={0}")
    @ValueSource(booleans = {true, false})
    void serversStartBeforeTrafficAndStopAfterTheWebServerDrainedInReverseOrder(boolean virtual) throws Exception {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ShopApplication.class)
                .properties("server.port=0", "spring.threads.virtual.enabled=" + virtual,
                        "spring.lifecycle.timeout-per-shutdown-phase=20s", "spring.main.banner-mode=off")
                .run();
        Events events = ctx.getBean(Events.class);
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        HttpResponse<String> placed = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders?item=book&quantity=1"))
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).isEqualTo(200);
        assertThat(ctx.getBean(OrdersApi.class).orders()).hasSize(1);

        List<String> started = events.all();
        assertThat(started).containsSubsequence("start:inventory", "start:orders", "start:audit", "probe:start");

        ctx.close();
        List<String> all = events.all();
        List<String> stopping = all.subList(all.indexOf("probe:start") + 1, all.size());
        String shutdown = ExitReason.SHUTDOWN.toString();
        assertThat(stopping).containsExactly("probe:stop:web-drained-stopped", "terminate:audit:" + shutdown,
                "terminate:orders:" + shutdown, "terminate:inventory:" + shutdown);
    }
}
