package dev.genserver.spring.support;

import dev.genserver.process.ServerRef;

/**
 * Finds the server a client proxy talks to, at each invocation: by name for a plain server, by
 * key (starting it on demand) for a keyed one.
 */
interface ServerLocator {

    /**
     * Returns the server's name, for messages.
     *
     * @return the name
     */
    String name();

    /**
     * Finds the live server.
     *
     * @return the server, or null when none is running
     */
    ServerRef locate();

    /**
     * Called when a call found no live server, or a server that stopped without handling it
     * (see {@link #isRetryable}): returns a server to retry with, for example a keyed server
     * started on demand.
     *
     * @return the server to retry with, or null to give up
     */
    default ServerRef relocate() {
        return null;
    }

    /**
     * Tells whether a call that failed with {@code failure} was never handled and may be sent
     * again to the server {@link #relocate()} returns.
     *
     * @param failure the failure
     * @param target the server the call was sent to, or null when none was found
     * @return true to send it again
     */
    default boolean isRetryable(RuntimeException failure, ServerRef target) {
        return false;
    }
}
