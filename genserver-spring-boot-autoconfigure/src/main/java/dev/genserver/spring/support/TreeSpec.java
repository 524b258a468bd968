package dev.genserver.spring.support;

import dev.genserver.spring.InternalApi;
import dev.genserver.supervisor.Strategy;
import dev.genserver.supervisor.SupervisorSpec;
import java.util.Map;
import java.util.Set;

/**
 * The application's supervision tree as built from the {@code @GenServer} beans, the
 * {@code @Supervisor} declarations and the {@code genserver.supervisors.*} properties: the core
 * spec of the root supervisor, plus what inspection needs to know about each supervisor.
 *
 * @param root the root supervisor's spec (children in start order)
 * @param strategies the strategy of every supervisor, by name (dynamic ones are one_for_one)
 * @param dynamic the names of the dynamic supervisors (one per keyed server)
 * @param supervisorOf the supervisor of every plain server, by server name
 */
@InternalApi
public record TreeSpec(SupervisorSpec root, Map<String, Strategy> strategies, Set<String> dynamic,
                       Map<String, String> supervisorOf) {

    /** The name of the root supervisor. */
    public static final String ROOT = "root";

    /**
     * Copies the collections.
     *
     * @param root the root spec
     * @param strategies the strategies
     * @param dynamic the dynamic supervisors
     * @param supervisorOf the supervisor of every plain server
     */
    public TreeSpec {
        strategies = Map.copyOf(strategies);
        dynamic = Set.copyOf(dynamic);
        supervisorOf = Map.copyOf(supervisorOf);
    }

    /**
     * Returns the registered name of a supervisor's process.
     *
     * @param supervisor the supervisor's name
     * @return {@code genserver.supervisor.<name>}
     */
    public static String processName(String supervisor) {
        return "genserver.supervisor." + supervisor;
    }
}
