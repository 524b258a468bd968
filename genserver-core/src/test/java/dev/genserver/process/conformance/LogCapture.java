package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.eventually;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Captures what the runtime logs (loggers under {@code dev.genserver}) for the duration of a
 * try-with-resources block, without printing it, then restores the logger's level, appenders and
 * additivity.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final Level savedLevel;
    private final boolean savedAdditive;
    private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    private LogCapture(Level level) {
        logger = (Logger) LoggerFactory.getLogger("dev.genserver");
        savedLevel = logger.getLevel();
        savedAdditive = logger.isAdditive();
        setContext(logger.getLoggerContext());
        setName("conformance-log-capture");
        start();
        logger.addAppender(this);
        logger.setAdditive(false);
        logger.setLevel(level);
    }

    /** Captures ERROR and WARN. */
    static LogCapture capture() {
        return new LogCapture(Level.WARN);
    }

    /** Captures everything down to DEBUG. */
    static LogCapture captureDebug() {
        return new LogCapture(Level.DEBUG);
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    /** Every event captured so far, in order. */
    List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** The formatted messages logged at {@code level} that contain {@code mentioning}. */
    List<String> lines(Level level, String mentioning) {
        return events.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(mentioning))
                .toList();
    }

    /** The errors that contain {@code mentioning}. */
    List<String> errors(String mentioning) {
        return lines(Level.ERROR, mentioning);
    }

    /** Every event as "LEVEL message". */
    List<String> all() {
        return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    /** Waits until an event at {@code level} whose formatted message contains {@code text} is logged. */
    void awaitLogged(Level level, String text) {
        eventually().alias("a " + level + " log mentioning " + text).until(() -> events.stream()
                .anyMatch(e -> e.getLevel() == level && e.getFormattedMessage().contains(text)));
    }

    /** Waits until an event at any level whose formatted message contains {@code text} is logged. */
    void awaitLogged(String text) {
        eventually().alias("a log mentioning " + text).until(() -> events.stream()
                .anyMatch(e -> e.getFormattedMessage().contains(text)));
    }

    @Override
    public void close() {
        logger.setLevel(savedLevel);
        logger.setAdditive(savedAdditive);
        logger.detachAppender(this);
        stop();
    }
}
