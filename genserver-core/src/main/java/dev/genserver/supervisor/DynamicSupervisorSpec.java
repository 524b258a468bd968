package dev.genserver.supervisor;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link DynamicSupervisor} supervises the children started on it (Elixir's
 * {@code DynamicSupervisor} options). Immutable; each {@code with...} method returns a copy.
 *
 * <pre>{@code
 * DynamicSupervisorSpec.defaults()
 *     .withMaxChildren(10_000)
 *     .withExtraArguments(tenantId)          // every child's factory gets tenantId first
 *     .withIntensity(10, Duration.ofSeconds(5));
 * }</pre>
 *
 * @param maxRestarts how many restarts are tolerated within {@code period} (see
 *     {@link SupervisorSpec}); 3 by default
 * @param period the window of the restart intensity; 5 s by default
 * @param maxChildren the most children at once, counting starts in progress; unlimited
 *     ({@link Integer#MAX_VALUE}) by default
 * @param extraArguments put before each child's own arguments when its factory is called
 * @param backoff the delay before a restart, {@link Backoff#NONE} by default
 */
public record DynamicSupervisorSpec(int maxRestarts, Duration period, int maxChildren, List<Object> extraArguments,
                                    Backoff backoff) {

    private static final DynamicSupervisorSpec DEFAULTS = new DynamicSupervisorSpec(
            SupervisorSpec.DEFAULT_MAX_RESTARTS, SupervisorSpec.DEFAULT_PERIOD, Integer.MAX_VALUE, List.of(),
            Backoff.NONE);

    /**
     * Validates the spec.
     *
     * @param maxRestarts the intensity
     * @param period the period
     * @param maxChildren the most children
     * @param extraArguments the extra arguments
     * @param backoff the backoff
     */
    public DynamicSupervisorSpec {
        SupervisorSpec.validateIntensity(maxRestarts, Objects.requireNonNull(period, "period"));
        if (maxChildren < 0) {
            throw new IllegalArgumentException("maxChildren must be zero or more: " + maxChildren);
        }
        extraArguments = List.copyOf(extraArguments);
        Objects.requireNonNull(backoff, "backoff");
    }

    /**
     * Intensity 3 in 5 s, no limit on children, no extra arguments, no backoff.
     *
     * @return the defaults
     */
    public static DynamicSupervisorSpec defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with another restart intensity.
     *
     * @param maxRestarts how many restarts are tolerated within {@code period}
     * @param period the window
     * @return the copy
     */
    public DynamicSupervisorSpec withIntensity(int maxRestarts, Duration period) {
        return new DynamicSupervisorSpec(maxRestarts, period, maxChildren, extraArguments, backoff);
    }

    /**
     * Returns a copy with a limit on the number of children.
     *
     * @param maxChildren the most children at once
     * @return the copy
     */
    public DynamicSupervisorSpec withMaxChildren(int maxChildren) {
        return new DynamicSupervisorSpec(maxRestarts, period, maxChildren, extraArguments, backoff);
    }

    /**
     * Returns a copy whose children's factories receive {@code extra} before their own arguments.
     * A null argument is not allowed.
     *
     * @param extra the arguments
     * @return the copy
     */
    public DynamicSupervisorSpec withExtraArguments(Object... extra) {
        return new DynamicSupervisorSpec(maxRestarts, period, maxChildren, Arrays.asList(extra.clone()), backoff);
    }

    /**
     * Returns a copy with a restart backoff.
     *
     * @param backoff the backoff, or {@link Backoff#NONE}
     * @return the copy
     */
    public DynamicSupervisorSpec withBackoff(Backoff backoff) {
        return new DynamicSupervisorSpec(maxRestarts, period, maxChildren, extraArguments, backoff);
    }
}
