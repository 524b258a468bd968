package dev.genserver.dashboard;

import dev.genserver.spring.actuate.KeyedServerDescriptor;
import dev.genserver.spring.actuate.ProcessDescriptor;
import dev.genserver.spring.actuate.SupervisionTreeReader;
import dev.genserver.spring.actuate.SupervisorDescriptor;
import dev.genserver.spring.actuate.WorkerDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The dashboard's charts and rates: reads the supervision tree every {@code interval} (one
 * request per supervisor and one {@code info()} per server, keyed servers by their running totals)
 * and keeps the last {@code size} samples in memory: messages handled per second, messages waiting
 * in mailboxes, restarts and dead letters. Also the messages per second of each server over the
 * last interval.
 *
 * <p>It samples on one daemon thread of its own, which it stops when the application context
 * closes; nothing waits for it. Messages handled by keyed instances are not in the throughput:
 * their counts are kept per instance, and summing them would walk every key.
 */
public class ObserverHistory implements InitializingBean, DisposableBean {

    private static final Log logger = LogFactory.getLog(ObserverHistory.class);

    private final SupervisionTreeReader reader;
    private final Duration interval;
    private final int size;
    private final Clock clock;
    private final ArrayDeque<Sample> samples;
    private Map<String, Long> lastHandled = Map.of();
    private long lastTotalHandled = -1;
    private long lastRestarts = -1;
    private long lastTime;
    private Map<String, Double> rates = Map.of();
    private ScheduledExecutorService executor;

    /**
     * Creates the history; it starts sampling once the bean is initialised.
     *
     * @param reader reads the supervision tree
     * @param interval the time between two samples
     * @param size how many samples are kept
     * @param clock the clock of the samples' times
     */
    public ObserverHistory(SupervisionTreeReader reader, Duration interval, int size, Clock clock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the dashboard's sample interval must be positive, not " + interval);
        }
        if (size < 2) {
            throw new IllegalArgumentException("the dashboard keeps at least 2 samples, not " + size);
        }
        this.reader = reader;
        this.interval = interval;
        this.size = size;
        this.clock = clock;
        this.samples = new ArrayDeque<>(size);
    }

    @Override
    public void afterPropertiesSet() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "genserver-observer");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            logger.debug("The dashboard could not read the supervision tree", e);
        }
    }

    /** Reads the tree once and adds a sample (the first reading only sets the baseline of the rates). */
    void sample() {
        Optional<SupervisorDescriptor> tree = reader.tree();
        Totals totals = new Totals();
        tree.ifPresent(totals::add);
        long now = clock.millis();
        long deadLetters = reader.runtime().deadLetters();
        synchronized (this) {
            double seconds = (now - lastTime) / 1000.0;
            if (lastTotalHandled >= 0 && seconds > 0) {
                Map<String, Double> r = new TreeMap<>();
                totals.handled.forEach((name, handled) -> {
                    Long before = lastHandled.get(name);
                    r.put(name, before == null ? 0.0 : round(Math.max(0, handled - before) / seconds));
                });
                rates = r;
                double throughput = round(Math.max(0, totals.totalHandled - lastTotalHandled) / seconds);
                if (samples.size() == size) {
                    samples.removeFirst();
                }
                samples.addLast(new Sample(now, throughput, totals.mailbox, Math.max(0, totals.restarts - lastRestarts),
                        totals.restarts, deadLetters));
            }
            lastHandled = totals.handled;
            lastTotalHandled = totals.totalHandled;
            lastRestarts = totals.restarts;
            lastTime = now;
        }
    }

    /**
     * Returns the samples kept, oldest first.
     *
     * @return at most {@code size} samples
     */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /**
     * Returns each server's messages handled per second over the last interval.
     *
     * @return the rates by server name (keyed instances are not listed)
     */
    public synchronized Map<String, Double> rates() {
        return rates;
    }

    /**
     * Returns the time between two samples.
     *
     * @return the interval
     */
    public Duration interval() {
        return interval;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /**
     * One sample.
     *
     * @param time when it was taken (milliseconds since the epoch)
     * @param throughput messages handled per second since the previous sample, by the servers of the tree
     * @param mailbox messages waiting, in every mailbox of the tree (keyed instances included)
     * @param restarts restarts since the previous sample
     * @param totalRestarts restarts since the application started
     * @param deadLetters messages never handled since the application started
     */
    public record Sample(long time, double throughput, long mailbox, long restarts, long totalRestarts,
                         long deadLetters) {
    }

    /** The sums of one reading of the tree. */
    private static final class Totals {
        final Map<String, Long> handled = new HashMap<>();
        long totalHandled;
        long mailbox;
        long restarts;

        void add(ProcessDescriptor process) {
            switch (process) {
                case SupervisorDescriptor s -> {
                    restarts += s.restarts();
                    s.children().forEach(this::add);
                }
                case KeyedServerDescriptor k -> {
                    mailbox += k.mailbox();
                    restarts += k.restarts();
                }
                case WorkerDescriptor w -> {
                    handled.put(w.name(), w.messagesHandled());
                    totalHandled += w.messagesHandled();
                    mailbox += w.mailbox();
                    restarts += w.restarts();
                }
            }
        }
    }
}
