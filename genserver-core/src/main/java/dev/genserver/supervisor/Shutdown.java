package dev.genserver.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a supervisor stops a child (OTP's {@code shutdown} value): when the supervisor terminates
 * it, restarts it as part of a multi-child restart, or shuts down.
 *
 * <ul>
 *   <li>{@link #brutalKill()}: kill it at once; its {@code terminate} does not run.</li>
 *   <li>{@link #timeout(Duration)}: ask it to stop with reason {@code shutdown} (its
 *       {@code terminate} runs) and kill it if it has not stopped within the timeout. The default
 *       for a {@link ChildType#WORKER} is 5 seconds.</li>
 *   <li>{@link #infinity()}: ask it to stop and wait as long as it takes. The default for a
 *       {@link ChildType#SUPERVISOR}, so that a subtree stops in order.</li>
 * </ul>
 */
public sealed interface Shutdown {

    /** The default for workers: 5 seconds, then kill. */
    Shutdown WORKER_DEFAULT = new Timeout(Duration.ofSeconds(5));

    /**
     * Kill at once, without {@code terminate}.
     *
     * @return the shutdown
     */
    static Shutdown brutalKill() {
        return new BrutalKill();
    }

    /**
     * Stop gracefully, then kill after {@code timeout}.
     *
     * @param timeout how long {@code terminate} may take; zero kills right after asking
     * @return the shutdown
     */
    static Shutdown timeout(Duration timeout) {
        return new Timeout(timeout);
    }

    /**
     * Stop gracefully and wait as long as it takes.
     *
     * @return the shutdown
     */
    static Shutdown infinity() {
        return new Infinity();
    }

    /** Kill at once. */
    record BrutalKill() implements Shutdown {
        @Override
        public String toString() {
            return "brutal_kill";
        }
    }

    /**
     * Stop gracefully, kill after the timeout.
     *
     * @param duration the timeout
     */
    record Timeout(Duration duration) implements Shutdown {
        /**
         * Validates the timeout.
         *
         * @param duration the timeout, zero or positive
         */
        public Timeout {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("shutdown timeout must not be negative: " + duration);
            }
        }

        @Override
        public String toString() {
            return duration.toMillis() + " ms";
        }
    }

    /** Stop gracefully and wait. */
    record Infinity() implements Shutdown {
        @Override
        public String toString() {
            return "infinity";
        }
    }
}
