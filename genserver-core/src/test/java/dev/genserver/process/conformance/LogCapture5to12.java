package dev.genserver.process.conformance;

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
 * try-with-resources block, then restores the logger's level, appenders and additivity.
 */
final class LogCapture5to12 extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final Level savedLevel;
    private final boolean savedAdditive;
    private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    private LogCapture5to12(Level level) {
        logger = (Logger) LoggerFactory.getLogger("dev.genserver");
        savedLevel = logger.getLevel();
        savedAdditive = logger.isAdditive();
        setContext(logger.getLoggerContext());
        setName("capture-5to12");
        start();
        logger.addAppender(this);
        logger.setAdditive(false);
        logger.setLevel(level);
    }

    /** Captures ERROR and WARN. */
    static LogCapture5to12 capture() {
        return new LogCapture5to12(Level.WARN);
    }

    /** Captures everything down to DEBUG. */
    static LogCapture5to12 captureDebug() {
        return new LogCapture5to12(Level.DEBUG);
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    List<String> lines(Level level, String mentioning) {
        return events.stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(mentioning))
                .toList();
    }

    List<String> errors(String mentioning) {
        return lines(Level.ERROR, mentioning);
    }

    List<String> all() {
        return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Override
    public void close() {
        logger.setLevel(savedLevel);
        logger.setAdditive(savedAdditive);
        logger.detachAppender(this);
        stop();
    }
}
