package dev.genserver.process;

import java.time.Duration;
import java.util.Optional;

/** A message scheduled with {@code sendAfter}. */
public interface TimerRef {

    /**
     * Cancels the timer.
     *
     * @return the time that was left, or empty when the timer had already fired or been cancelled
     *     (the message may then already be in the mailbox)
     */
    Optional<Duration> cancel();

    /**
     * Returns the time left before the timer fires.
     *
     * @return the time left, or empty when it has fired or been cancelled
     */
    Optional<Duration> remaining();
}
