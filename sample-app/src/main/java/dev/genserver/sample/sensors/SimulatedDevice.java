package dev.genserver.sample.sensors;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * Stands in for a temperature sensor on a serial line: it connects, it reads, and it can be
 * unplugged (from {@code POST /sensors/unplug}) to watch the poller lose it and reconnect.
 */
@Component
public class SimulatedDevice {

    private volatile boolean plugged = true;

    /** Opens the line. */
    void connect() throws IOException {
        if (!plugged) {
            throw new IOException("no device on /dev/ttyUSB0");
        }
    }

    /** Reads the temperature in °C. */
    double read() throws IOException {
        if (!plugged) {
            throw new IOException("device unplugged");
        }
        return Math.round((20 + ThreadLocalRandom.current().nextGaussian()) * 10) / 10.0;
    }

    void plug(boolean in) {
        this.plugged = in;
    }
}
