package dev.genserver.state.actuate;

import dev.genserver.state.DurableServerStatus;
import dev.genserver.state.DurableStates;
import dev.genserver.state.StateStoreException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code genserverState} health contributor: UP when the {@link dev.genserver.state.StateStore}
 * answers, else the configured status ({@code genserver.state.health.unreachable-status}, DOWN by
 * default) with the store's error. The details give each durable server's pending writes,
 * conflicts and store errors.
 */
public class DurableStateHealthIndicator extends AbstractHealthIndicator {

    private final DurableStates states;
    private final Status unreachable;

    /**
     * Creates the indicator.
     *
     * @param states the durable servers
     * @param unreachable the status when the store cannot be reached
     */
    public DurableStateHealthIndicator(DurableStates states, Status unreachable) {
        super("durable state store check failed");
        this.states = states;
        this.unreachable = unreachable;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("store", states.store().describe());
        for (DurableServerStatus s : states.servers()) {
            builder.withDetail(s.server(), java.util.Map.of("pendingWrites", s.pendingWrites(),
                    "conflicts", s.conflicts(), "storeErrors", s.storeErrors()));
        }
        try {
            states.store().check();
            builder.up();
        } catch (StateStoreException e) {
            builder.status(unreachable).withDetail("error", e.getMessage());
        }
    }
}
