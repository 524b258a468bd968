package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Use case 13: counters as JSON and as a server-sent-event stream fed by the dashboard server. */
class DashboardTests extends HttpTestSupport {

    @Test
    void snapshotAndStream() throws Exception {
        assertThat(getJson("/dashboard")).containsKeys("pageViews", "flashSaleStock", "orders", "jobsDone",
                "analyticsFlushed", "restarts");
        assertThat(get("/").body()).contains("<script src=\"/shop.js\" defer></script>", "/actuator/observer");
        assertThat(get("/shop.js").body()).contains("new EventSource('/dashboard/stream')")
                .doesNotContain("innerHTML", "onclick=");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dashboard/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            // the first event comes at once, then one per tick (200 ms in tests): read two
            List<String> data = CompletableFuture.supplyAsync(() -> {
                List<String> events = new ArrayList<>();
                while (events.size() < 2 && it.hasNext()) {
                    String line = it.next();
                    if (line.startsWith("data:")) {
                        events.add(line);
                    }
                }
                return events;
            }).get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(data).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"pageViews\""));
        }
    }

    @Test
    void aCrashOfTheDashboardServerDoesNotFreezeAnOpenStream() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dashboard/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            String first = CompletableFuture.supplyAsync(() -> nextData(it)).get(20, TimeUnit.SECONDS);
            long totalBefore = restartsOf(first);
            long restarts = number(getJson("/servers/dashboard"), "restarts");
            assertThat(post("/servers/dashboard/crash").statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> number(getJson("/servers/dashboard"), "restarts") > restarts);
            // The restarted server keeps pushing to the same stream: counters that count its restart arrive.
            String after = CompletableFuture.supplyAsync(() -> {
                String line = nextData(it);
                while (line != null && restartsOf(line) <= totalBefore) {
                    line = nextData(it);
                }
                return line;
            }).get(20, TimeUnit.SECONDS);
            assertThat(after).contains("\"pageViews\"");
        }
    }

    private static String nextData(Iterator<String> it) {
        while (it.hasNext()) {
            String line = it.next();
            if (line.startsWith("data:")) {
                return line;
            }
        }
        return null;
    }

    private static long restartsOf(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"restarts\":(\\d+)").matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
