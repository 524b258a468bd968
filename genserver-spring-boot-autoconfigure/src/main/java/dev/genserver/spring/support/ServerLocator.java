package dev.genserver.spring.support;

import dev.genserver.process.NoProcessException;
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

    /**
     * Returns the exception for a message that found no live server, saying why when that is known
     * (for example, that the server's supervisor gave up).
     *
     * @param what the message
     * @return the exception
     */
    default NoProcessException noProcess(String what) {
        return new NoProcessException(name(), what);
    }

    /**
     * Counts a cast that found no live server as a dead letter of that server, when it can.
     *
     * @param message the message
     * @return true when it was counted (and logged as needed); false when the caller should log it
     */
    default boolean deadLetter(Object message) {
        return false;
    }
}
