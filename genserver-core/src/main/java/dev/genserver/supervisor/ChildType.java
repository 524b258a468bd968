package dev.genserver.supervisor;

/**
 * Whether a child is a worker or a supervisor. It sets the default {@link Shutdown}
 * ({@code 5 s} for a worker, {@code infinity} for a supervisor, so that a whole subtree can stop
 * in order) and is reported by {@link Supervisor#countChildren()}.
 */
public enum ChildType {

    /** Any server that is not a supervisor. */
    WORKER,

    /** A {@link Supervisor} or {@link DynamicSupervisor}. */
    SUPERVISOR
}
