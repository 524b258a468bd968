package dev.genserver.dashboard.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The dashboard's history, under {@code genserver.dashboard.*}. */
@ConfigurationProperties("genserver.dashboard")
public class GenServerDashboardProperties {

    /**
     * Time between two samples of the supervision tree: the resolution of the charts and of the
     * messages per second, and how often an open page polls.
     */
    private Duration sampleInterval = Duration.ofSeconds(2);

    /** How many samples are kept in memory for the charts (300 samples of 2s: 10 minutes). */
    private int historySize = 300;

    /** Creates the defaults. */
    public GenServerDashboardProperties() {
    }

    /**
     * Returns the time between two samples.
     *
     * @return the interval
     */
    public Duration getSampleInterval() {
        return sampleInterval;
    }

    /**
     * Sets the time between two samples.
     *
     * @param sampleInterval the interval, at least 100ms
     */
    public void setSampleInterval(Duration sampleInterval) {
        if (sampleInterval == null || sampleInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("'genserver.dashboard.sample-interval' must be at least 100ms, not "
                    + sampleInterval);
        }
        this.sampleInterval = sampleInterval;
    }

    /**
     * Returns how many samples are kept.
     *
     * @return the count
     */
    public int getHistorySize() {
        return historySize;
    }

    /**
     * Sets how many samples are kept.
     *
     * @param historySize the count, from 2 to 100000
     */
    public void setHistorySize(int historySize) {
        if (historySize < 2 || historySize > 100_000) {
            throw new IllegalArgumentException("'genserver.dashboard.history-size' must be between 2 and 100000, not "
                    + historySize);
        }
        this.historySize = historySize;
    }
}
