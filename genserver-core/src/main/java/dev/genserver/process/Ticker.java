package dev.genserver.process;

/**
 * A source of monotonic time in nanoseconds, read by the parts of the runtime that measure
 * elapsed time between events (a supervisor's restart intensity window, the reset of its restart
 * backoff, the interval of the crash log's limit). The default is {@link #system()}; tests inject their own through
 * {@link ProcessRuntime.Builder#ticker(Ticker)} to move time without waiting for it.
 *
 * <p>Only differences between two readings are meaningful, as with {@link System#nanoTime()}.
 * Implementations must be safe to read from any thread.
 */
@FunctionalInterface
public interface Ticker {

    /**
     * Reads the current time.
     *
     * @return nanoseconds since an arbitrary, fixed origin
     */
    long read();

    /**
     * Returns the ticker backed by {@link System#nanoTime()}.
     *
     * @return the system ticker
     */
    static Ticker system() {
        return System::nanoTime;
    }
}
