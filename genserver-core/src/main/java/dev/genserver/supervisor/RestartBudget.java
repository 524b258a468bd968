package dev.genserver.supervisor;

import dev.genserver.process.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How many restarts a supervisor may still make and how long each waits: OTP's restart intensity
 * (the times of the restarts within the period), the {@link Backoff} of each child, and the
 * counters both supervisor servers keep. Time comes from the runtime's {@link Ticker}.
 * Supervisor-thread only.
 */
final class RestartBudget {

    private final int maxRestarts;
    private final long periodNanos;
    private final Backoff backoff;
    private final Ticker ticker;
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private long tokens;
    private long restarts;

    RestartBudget(int maxRestarts, Duration period, Backoff backoff, Ticker ticker) {
        this.maxRestarts = maxRestarts;
        this.periodNanos = saturatedNanos(period);
        this.backoff = backoff;
        this.ticker = ticker;
    }

    /** Reads the runtime's ticker. */
    long now() {
        return ticker.read();
    }

    /**
     * Records a restart at {@code now} (OTP's {@code add_restart}): restarts older than the period
     * are forgotten, those exactly one period old still count.
     *
     * @return true when it is tolerated (and counted in {@link #restarts()}); false when it
     *     exceeds the intensity and the supervisor must give up
     */
    boolean admit(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() > periodNanos) {
            recent.pollFirst();
        }
        recent.addLast(now);
        if (recent.size() > maxRestarts) {
            return false;
        }
        restarts++;
        return true;
    }

    /**
     * The backoff delay before restarting {@code child} now: zero without a backoff; from the
     * initial delay again once the child had run for {@link Backoff#resetAfter()}.
     */
    Duration delay(ChildRecord child, long now) {
        if (backoff.isNone()) {
            return Duration.ZERO;
        }
        if (child.ran && now - child.runningSince >= saturatedNanos(backoff.resetAfter())) {
            child.attempts = 0;
        }
        child.ran = false;
        return backoff.delay(child.attempts++, ThreadLocalRandom.current());
    }

    /** A fresh token for a pending restart, never 0. */
    long nextToken() {
        return ++tokens;
    }

    /** The restarts made so far. */
    long restarts() {
        return restarts;
    }

    /** The intensity in words, for the log line of a supervisor that gives up. */
    String describe() {
        return maxRestarts + " restarts within " + Duration.ofNanos(periodNanos).toMillis() + " ms";
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE / 2;
        }
    }
}
