package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Use case 15: the sensor poller reads every second, loses the device, backs off, reconnects. */
class SensorPollerTests extends HttpTestSupport {

    @Test
    void readsLosesTheDeviceBacksOffAndReconnects() {
        await().atMost(WAIT).until(() -> ((List<?>) getJson("/sensors").get("recent")).size() >= 2);
        assertThat(getJson("/sensors").get("link")).isEqualTo("CONNECTED");

        assertThat(post("/sensors/unplug").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> number(getJson("/sensors"), "failedAttempts") >= 2);
        assertThat(getJson("/sensors").get("link")).isEqualTo("DISCONNECTED");
        assertThat((String) getJson("/sensors").get("lastError")).contains("/dev/ttyUSB0");

        int before = ((List<?>) getJson("/sensors").get("recent")).size();
        post("/sensors/plug");
        await().atMost(WAIT).until(() -> "CONNECTED".equals(getJson("/sensors").get("link"))
                && ((List<?>) getJson("/sensors").get("recent")).size() > before);
        assertThat(number(getJson("/sensors"), "failedAttempts")).isZero();
    }
}
