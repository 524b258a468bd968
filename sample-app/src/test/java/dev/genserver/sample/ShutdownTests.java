package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A shutdown with the counters page open (its event stream) ends well within the graceful
 * shutdown's timeout (30 s) and logs no ERROR: the streams are completed before the web server
 * drains.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownTests {

    @Test
    void anOpenCountersStreamDoesNotHoldUpShutdown(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ShopApplication.class).main(ShopApplication.class)
                .profiles("test").properties("server.port=0", "spring.datasource.url=jdbc:h2:mem:shop-shutdown",
                        "shop.import.dir=target/test-import-shutdown").run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/dashboard/stream"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            CompletableFuture.supplyAsync(() -> {
                while (it.hasNext()) {
                    if (it.next().startsWith("data:")) {
                        return true;
                    }
                }
                return false;
            }).get(20, TimeUnit.SECONDS);

            int before = output.length();
            long start = System.nanoTime();
            app.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(output.toString().substring(before)).doesNotContain(" ERROR ");
        }
    }
}
