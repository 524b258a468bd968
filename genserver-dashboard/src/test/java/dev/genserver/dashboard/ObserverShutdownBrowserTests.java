package dev.genserver.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.dashboard.app.DashboardTestApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An open dashboard never keeps the application from stopping (it polls: no stream stays open),
 * shows the connection down while the application is away, and reconnects once it is back.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObserverShutdownBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anOpenPageDoesNotDelayShutdownAndReconnectsAfterARestart(CapturedOutput output) throws IOException {
        int port = freePort();
        ConfigurableApplicationContext app = start(port);
        try (Browser browser = new Browser()) {
            WebDriverWait wait = new WebDriverWait(browser.driver, WAIT);
            wait.ignoring(StaleElementReferenceException.class);
            browser.driver.get("http://localhost:" + port + "/actuator/observer");
            wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
            wait.until(d -> d.findElement(By.id("tree")).getText().contains("counter"));

            int before = output.length();
            long start = System.nanoTime();
            app.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // The graceful shutdown's timeout is 30s; with the page open it does not wait for it.
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(output.toString().substring(before)).doesNotContain(" ERROR ");

            wait.until(ExpectedConditions.textMatches(By.id("connection"), java.util.regex.Pattern.compile(
                    "disconnected, retrying in \\d+ s")));
            app = start(port);
            wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
            wait.until(d -> d.findElement(By.id("tree")).getText().contains("counter"));
        } finally {
            app.close();
        }
    }

    private static ConfigurableApplicationContext start(int port) {
        return new SpringApplicationBuilder(DashboardTestApplication.class).properties(
                "server.port=" + port, "server.shutdown=graceful",
                "spring.lifecycle.timeout-per-shutdown-phase=30s",
                "management.endpoints.web.exposure.include=genservers,observer",
                "genserver.dashboard.sample-interval=200ms").run();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
