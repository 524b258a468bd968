package dev.genserver.process;

/**
 * Observes server life cycles, for supervisors, registries and metrics. Callbacks run on the
 * server's own thread (or the thread that killed it) and must be quick and must not throw.
 */
public interface ProcessListener {

    /**
     * A server instance finished init successfully.
     *
     * @param server the server
     * @param restart true when this was a restart of an existing server
     */
    default void started(ServerRef server, boolean restart) {
    }

    /**
     * A server instance exited.
     *
     * @param server the server
     * @param reason the exit reason
     */
    default void exited(ServerRef server, ExitReason reason) {
    }
}
