package dev.genserver.spring.support;

import dev.genserver.process.ServerRef;
import dev.genserver.spring.InternalApi;
import java.util.List;
import java.util.Optional;

/**
 * Servers that run outside this application's supervision tree, wherever a placement puts them
 * (genserver-cluster: a singleton or sharded server on some member of the cluster), reached through
 * location-transparent references. Typed proxies, {@link dev.genserver.spring.KeyedServers} and
 * {@link dev.genserver.spring.GenServers} ask it first: a server it places is reached through it,
 * any other in the local runtime. At most one bean of this type; none without clustering.
 */
@InternalApi
public interface ServerPlacements {

    /**
     * Tells whether a server runs outside the local supervision tree.
     *
     * @param serverName the server's name
     * @return true when this placement hosts it (and the local tree does not start it)
     */
    boolean isPlaced(String serverName);

    /**
     * Returns a reference to a placed plain server, valid wherever it runs and across moves.
     *
     * @param serverName the server's name
     * @return the reference
     */
    ServerRef ref(String serverName);

    /**
     * Returns a reference to the instance of {@code key} of a placed keyed server, valid
     * wherever it runs and across moves; the instance starts at its first message.
     *
     * @param serverName the keyed server's name
     * @param key the key
     * @return the reference
     */
    ServerRef ref(String serverName, Object key);

    /**
     * Tells whether the instance of {@code key} can be reached now.
     *
     * @param serverName the keyed server's name
     * @param key the key
     * @return the reference while a member owns the key, else empty
     */
    Optional<ServerRef> whereis(String serverName, Object key);

    /**
     * Returns the instances of a placed keyed server that run in this application.
     *
     * @param serverName the keyed server's name
     * @return their references, in start order
     */
    List<ServerRef> running(String serverName);
}
