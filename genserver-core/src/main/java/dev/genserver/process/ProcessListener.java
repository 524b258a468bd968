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

    /**
     * A server ended for good: it will not be restarted, its name is free and its mailbox was
     * emptied. Called once per server, after its last {@link #exited} if it ever ran: when it
     * stopped or crashed and nobody restarts it, when its supervisor discarded it (gave up on
     * it, its restart's init returned ignore, it was killed after its shutdown timeout, or a
     * restart replaced it with a fresh server), when its first init failed, or when the runtime
     * closed. The only event after which nothing more is heard of {@code server}.
     *
     * @param server the server
     * @param reason the reason it ended with
     */
    default void closed(ServerRef server, ExitReason reason) {
    }
}
