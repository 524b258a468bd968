package dev.genserver.spring.support;

import dev.genserver.spring.InternalApi;
import dev.genserver.spring.annotation.Supervisor;
import java.util.List;
import java.util.Optional;

/**
 * Every {@link dev.genserver.spring.annotation.GenServer} bean of the application context and
 * every {@link Supervisor} declaration, in declaration order, as found and validated at startup
 * by {@code GenServerBeanRegistrar}. A bean in the context, built by
 * {@code ServerDefinitionsFactoryBean} from the bean names and classes (also in an application
 * started from AOT-generated code).
 *
 * @param servers the servers
 * @param supervisors the supervisor declarations
 */
@InternalApi
public record ServerDefinitions(List<ServerDefinition> servers, List<Supervisor> supervisors) {

    /**
     * Copies the lists.
     *
     * @param servers the servers
     * @param supervisors the supervisor declarations
     */
    public ServerDefinitions {
        servers = List.copyOf(servers);
        supervisors = List.copyOf(supervisors);
    }

    /**
     * Finds a server by its registered name.
     *
     * @param serverName the name
     * @return the definition
     */
    public Optional<ServerDefinition> byName(String serverName) {
        return servers.stream().filter(s -> s.serverName().equals(serverName)).findFirst();
    }
}
