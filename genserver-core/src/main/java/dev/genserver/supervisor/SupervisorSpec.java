package dev.genserver.supervisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Supervisor} supervises and how (OTP's supervisor flags and child specs).
 * Immutable; each {@code with...} method returns a copy.
 *
 * <pre>{@code
 * SupervisorSpec spec = SupervisorSpec.oneForOne(
 *         ChildSpec.worker("db", DbPool::new),
 *         ChildSpec.worker("cache", Cache::new))
 *     .withIntensity(5, Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>The spec is checked as it is built (unique ids, a positive period); that significant
 * children come with an auto shutdown is checked when the supervisor starts (see
 * {@link #validate()}), so the {@code with...} methods may come in any order.
 *
 * <p><b>Restart intensity.</b> If more than {@code maxRestarts} restarts happen within
 * {@code period}, the supervisor gives up: it stops all its children in reverse start order and
 * exits with {@code shutdown}, which its own supervisor sees as the exit of a child. A restart of
 * several children ({@link Strategy#ONE_FOR_ALL}, {@link Strategy#REST_FOR_ONE}) counts once; a
 * restart attempt whose init fails counts too. The defaults are OTP's: 3 restarts in 5 seconds.
 *
 * @param strategy which children are restarted together
 * @param maxRestarts how many restarts are tolerated within {@code period}, zero or more
 * @param period the window of the restart intensity, positive
 * @param autoShutdown whether significant children can shut the supervisor down
 * @param backoff the delay before a restart, {@link Backoff#NONE} by default
 * @param children the children, in start order; ids must be unique
 */
public record SupervisorSpec(Strategy strategy, int maxRestarts, Duration period, AutoShutdown autoShutdown,
                             Backoff backoff, List<ChildSpec> children) {

    /** OTP's default {@code intensity}: 3 restarts... */
    public static final int DEFAULT_MAX_RESTARTS = 3;
    /** ...within OTP's default {@code period} of 5 seconds. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    /**
     * Validates the spec.
     *
     * @param strategy the strategy
     * @param maxRestarts the intensity
     * @param period the period
     * @param autoShutdown the auto shutdown
     * @param backoff the backoff
     * @param children the children
     */
    public SupervisorSpec {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(autoShutdown, "autoShutdown");
        Objects.requireNonNull(backoff, "backoff");
        validateIntensity(maxRestarts, period);
        children = List.copyOf(children);
        Set<String> ids = new HashSet<>();
        for (ChildSpec child : children) {
            if (!ids.add(child.id())) {
                throw new IllegalArgumentException("two children have the id " + child.id()
                        + "; ids must be unique within a supervisor");
            }
        }
    }

    /**
     * Checks what can only be checked on the finished spec: significant children need an auto
     * shutdown. {@link Supervisor#start} and {@link ChildSpec#supervisor(String, SupervisorSpec)}
     * call it.
     *
     * @return this spec
     * @throws IllegalArgumentException a child is significant and {@link #autoShutdown()} is
     *     {@link AutoShutdown#NEVER}
     */
    public SupervisorSpec validate() {
        for (ChildSpec child : children) {
            validateChild(child, autoShutdown);
        }
        return this;
    }

    static void validateIntensity(int maxRestarts, Duration period) {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be zero or more: " + maxRestarts);
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("the restart intensity period must be positive: " + period);
        }
    }

    static void validateChild(ChildSpec child, AutoShutdown autoShutdown) {
        if (child.significant() && autoShutdown == AutoShutdown.NEVER) {
            throw new IllegalArgumentException("child " + child.id() + " is significant but the supervisor's "
                    + "autoShutdown is NEVER; set withAutoShutdown(ANY_SIGNIFICANT or ALL_SIGNIFICANT) or drop "
                    + "asSignificant()");
        }
    }

    /**
     * A spec with the given strategy and children and the default intensity.
     *
     * @param strategy the strategy
     * @param children the children, in start order
     * @return the spec
     */
    public static SupervisorSpec of(Strategy strategy, List<ChildSpec> children) {
        return new SupervisorSpec(strategy, DEFAULT_MAX_RESTARTS, DEFAULT_PERIOD, AutoShutdown.NEVER, Backoff.NONE,
                children);
    }

    /**
     * A {@link Strategy#ONE_FOR_ONE} spec.
     *
     * @param children the children, in start order
     * @return the spec
     */
    public static SupervisorSpec oneForOne(ChildSpec... children) {
        return of(Strategy.ONE_FOR_ONE, Arrays.asList(children));
    }

    /**
     * A {@link Strategy#ONE_FOR_ALL} spec.
     *
     * @param children the children, in start order
     * @return the spec
     */
    public static SupervisorSpec oneForAll(ChildSpec... children) {
        return of(Strategy.ONE_FOR_ALL, Arrays.asList(children));
    }

    /**
     * A {@link Strategy#REST_FOR_ONE} spec.
     *
     * @param children the children, in start order
     * @return the spec
     */
    public static SupervisorSpec restForOne(ChildSpec... children) {
        return of(Strategy.REST_FOR_ONE, Arrays.asList(children));
    }

    /**
     * Returns a copy with another restart intensity.
     *
     * @param maxRestarts how many restarts are tolerated within {@code period}
     * @param period the window
     * @return the copy
     */
    public SupervisorSpec withIntensity(int maxRestarts, Duration period) {
        return new SupervisorSpec(strategy, maxRestarts, period, autoShutdown, backoff, children);
    }

    /**
     * Returns a copy with another strategy.
     *
     * @param strategy the strategy
     * @return the copy
     */
    public SupervisorSpec withStrategy(Strategy strategy) {
        return new SupervisorSpec(strategy, maxRestarts, period, autoShutdown, backoff, children);
    }

    /**
     * Returns a copy with another auto shutdown.
     *
     * @param autoShutdown never, any significant or all significant
     * @return the copy
     */
    public SupervisorSpec withAutoShutdown(AutoShutdown autoShutdown) {
        return new SupervisorSpec(strategy, maxRestarts, period, autoShutdown, backoff, children);
    }

    /**
     * Returns a copy with a restart backoff.
     *
     * @param backoff the backoff, or {@link Backoff#NONE}
     * @return the copy
     */
    public SupervisorSpec withBackoff(Backoff backoff) {
        return new SupervisorSpec(strategy, maxRestarts, period, autoShutdown, backoff, children);
    }

    /**
     * Returns a copy with one more child, started after the others.
     *
     * @param child the child
     * @return the copy
     */
    public SupervisorSpec withChild(ChildSpec child) {
        List<ChildSpec> all = new ArrayList<>(children);
        all.add(child);
        return new SupervisorSpec(strategy, maxRestarts, period, autoShutdown, backoff, all);
    }
}
