package dev.genserver.process;

import java.time.Duration;
import java.util.Objects;

/**
 * What a server does right after a callback returns, besides waiting for the next message.
 * Users set it through {@link Result#withTimeout}, {@link Result#hibernate()} and
 * {@link Result#thenContinue}; the runtime reads it.
 */
public sealed interface Next {

    /** Nothing special: wait for the next message. */
    Next NONE = new None();

    /** Nothing special: wait for the next message. */
    record None() implements Next {
    }

    /**
     * Deliver {@link InactivityTimeout} to {@code handleInfo} if no message arrives within
     * {@code after}. Any message cancels it. A zero timeout fires at once unless mail is already
     * queued.
     *
     * @param after how long the server may stay idle
     */
    record Timeout(Duration after) implements Next {
        /**
         * Validates the timeout.
         *
         * @param after how long the server may stay idle; zero or positive
         */
        public Timeout {
            Objects.requireNonNull(after, "after");
            if (after.isNegative()) {
                throw new IllegalArgumentException("inactivity timeout must not be negative: " + after);
            }
        }
    }

    /** Release everything an idle server holds until the next message arrives. */
    record Hibernate() implements Next {
    }

    /**
     * Run {@link GenServer#handleContinue} with {@code argument} before any queued message.
     *
     * @param argument passed to {@code handleContinue}
     */
    record Continue(Object argument) implements Next {
    }
}
