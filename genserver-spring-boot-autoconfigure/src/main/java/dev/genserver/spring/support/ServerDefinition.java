package dev.genserver.spring.support;

import dev.genserver.process.OverflowPolicy;
import dev.genserver.spring.InternalApi;
import dev.genserver.supervisor.RestartType;
import java.time.Duration;
import java.util.List;

/**
 * One {@link dev.genserver.spring.annotation.GenServer} bean as read at startup: its names, its
 * validated model and what its annotations say. Attributes left at their defaults are null (or
 * 0) here and filled from the {@code genserver.*} properties when the server starts.
 *
 * @param beanName the bean name (a prototype, not an injection candidate)
 * @param serverName the registered name
 * @param model the validated model of the class
 * @param restart the restart type
 * @param shutdown the shutdown timeout; {@link Duration#ZERO} for brutal kill; null for the default
 * @param supervisor the supervisor's name, or null for the default placement
 * @param mailboxCapacity the mailbox capacity, or 0 for the default
 * @param overflow the overflow policy, read when {@code mailboxCapacity} is set
 * @param callTimeout the default call timeout, or null
 * @param startTimeout the start timeout, or null
 * @param keyed the keyed-server settings, or null for a plain server
 * @param dependsOn names of servers this one depends on (their proxies are injected into it, or
 *                  it names them with {@code @DependsOn}); they start first
 */
@InternalApi
public record ServerDefinition(String beanName, String serverName, ServerModel model, RestartType restart,
                               Duration shutdown, String supervisor, int mailboxCapacity, OverflowPolicy overflow,
                               Duration callTimeout, Duration startTimeout, Keyed keyed, List<String> dependsOn) {

    /**
     * The settings of a keyed server from its {@link dev.genserver.spring.annotation.Keyed} annotation.
     *
     * @param idleTimeout the idle time before passivation, {@link dev.genserver.process.ServerRef#INFINITY}
     *                    for never, or null for the default
     * @param maxInstances the most live instances, or 0 for the default
     */
    public record Keyed(Duration idleTimeout, int maxInstances) {
    }

    /**
     * Returns the server class.
     *
     * @return the class
     */
    public Class<?> serverClass() {
        return model.serverClass();
    }

    /**
     * Tells whether this is a keyed server.
     *
     * @return true when keyed
     */
    public boolean isKeyed() {
        return keyed != null;
    }

    /**
     * Returns a copy with other dependencies.
     *
     * @param names the server names
     * @return the copy
     */
    public ServerDefinition withDependsOn(List<String> names) {
        return new ServerDefinition(beanName, serverName, model, restart, shutdown, supervisor, mailboxCapacity,
                overflow, callTimeout, startTimeout, keyed, List.copyOf(names));
    }
}
