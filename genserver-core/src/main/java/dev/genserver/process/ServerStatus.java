package dev.genserver.process;

/** The life-cycle status of a server, as shown by inspection. */
public enum ServerStatus {
    /** {@code init} is running. */
    STARTING,
    /** Handling messages, or idle and waiting for one. */
    RUNNING,
    /** Suspended: only inspection requests are handled; other messages queue. */
    SUSPENDED,
    /** Exited while supervised; its mailbox waits for the supervisor's decision or the new instance. */
    RESTARTING,
    /** Exited normally and will not run again. */
    STOPPED,
    /** Exited abnormally and will not run again. */
    FAILED;

    /**
     * Tells whether the server can no longer run.
     *
     * @return true for {@link #STOPPED} and {@link #FAILED}
     */
    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
