package dev.genserver.supervisor;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A delay before a supervisor restarts a child that keeps crashing (beyond OTP, which restarts at
 * once). Without it, a child whose dependency is down crashes and restarts in a tight loop until
 * the restart intensity is exceeded; with it, the <em>n</em>-th consecutive restart of a child
 * waits {@code initial × multiplierⁿ}, capped at {@code max}, spread by a random
 * {@code ± jitter} fraction so that many children do not retry in lockstep. Once the child has
 * run for {@code resetAfter} without crashing, the next restart waits {@code initial} again.
 *
 * <p>While the delay runs the child is {@link ChildStatus#RESTARTING}: its mailbox is kept and
 * calls to it wait (up to their timeout). Restarts still count toward the restart intensity when
 * they are decided, so set the intensity with the delays in mind.
 *
 * <pre>{@code
 * SupervisorSpec.oneForOne(children)
 *     .withIntensity(10, Duration.ofMinutes(1))
 *     .withBackoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30)));
 * }</pre>
 *
 * @param initial the first delay
 * @param max the longest delay
 * @param multiplier how much each consecutive restart multiplies the delay, at least 1
 * @param jitter the random spread, a fraction between 0 and 1 (0.2 means ±20%)
 * @param resetAfter how long a child must run without crashing for the delay to start again from
 *     {@code initial}
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter, Duration resetAfter) {

    /** No delay: restart at once, as OTP does (the default). */
    public static final Backoff NONE = new Backoff(Duration.ZERO, Duration.ZERO, 1.0, 0.0, Duration.ZERO);

    /**
     * Validates the backoff.
     *
     * @param initial the first delay
     * @param max the longest delay
     * @param multiplier the growth factor
     * @param jitter the random spread
     * @param resetAfter the quiet period
     */
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (initial.isNegative() || max.isNegative() || resetAfter.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " is shorter than its initial delay " + initial);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoff multiplier must be at least 1: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("backoff jitter must be between 0 and 1: " + jitter);
        }
    }

    /**
     * Doubling delays from {@code initial} up to {@code max}, with ±20% jitter, reset once the
     * child has run for {@code max} without crashing.
     *
     * @param initial the first delay, positive
     * @param max the longest delay
     * @return the backoff
     */
    public static Backoff exponential(Duration initial, Duration max) {
        if (initial.isZero() || initial.isNegative()) {
            throw new IllegalArgumentException("backoff initial delay must be positive: " + initial);
        }
        return new Backoff(initial, max, 2.0, 0.2, max);
    }

    /**
     * Returns a copy with another growth factor.
     *
     * @param multiplier at least 1 (1 means a constant delay)
     * @return the copy
     */
    public Backoff withMultiplier(double multiplier) {
        return new Backoff(initial, max, multiplier, jitter, resetAfter);
    }

    /**
     * Returns a copy with another random spread.
     *
     * @param jitter between 0 (none) and 1
     * @return the copy
     */
    public Backoff withJitter(double jitter) {
        return new Backoff(initial, max, multiplier, jitter, resetAfter);
    }

    /**
     * Returns a copy with another quiet period.
     *
     * @param resetAfter how long a child must run without crashing to start again from {@code initial}
     * @return the copy
     */
    public Backoff withResetAfter(Duration resetAfter) {
        return new Backoff(initial, max, multiplier, jitter, resetAfter);
    }

    /**
     * Tells whether this is {@link #NONE}: restarts happen at once.
     *
     * @return true when there is no delay
     */
    public boolean isNone() {
        return max.isZero();
    }

    /**
     * Computes the delay before a restart.
     *
     * @param attempt how many consecutive restarts came before this one (0 for the first)
     * @param random the source of jitter
     * @return the delay, between zero and {@link #max()}
     */
    public Duration delay(int attempt, RandomGenerator random) {
        if (isNone()) {
            return Duration.ZERO;
        }
        double maxNanos = max.toNanos();
        double nanos = Math.min(maxNanos, initial.toNanos() * Math.pow(multiplier, Math.max(0, attempt)));
        if (jitter > 0) {
            nanos *= 1.0 + jitter * (2.0 * random.nextDouble() - 1.0);
        }
        return Duration.ofNanos((long) Math.max(0, Math.min(maxNanos, nanos)));
    }
}
