package dev.genserver.supervisor;

/** Where a child stands, as reported by {@link ChildInfo}. */
public enum ChildStatus {

    /** Its server is running. */
    RUNNING,

    /**
     * It exited and the supervisor is restarting it: a restart attempt failed and will be tried
     * again, or a {@link Backoff} delay is running, or it waits for a sibling of a multi-child
     * restart. Its mailbox is kept: messages sent to it now are handled once it runs again.
     */
    RESTARTING,

    /**
     * No server: the child was terminated through the API, its init returned ignore, or it is a
     * transient child that exited normally. The spec is kept; {@link Supervisor#restartChild}
     * starts it again and {@link Supervisor#deleteChild} removes it.
     */
    UNDEFINED
}
