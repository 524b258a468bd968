package dev.genserver.supervisor;

/**
 * What a {@link Supervisor} restarts when one of its children exits and must be restarted
 * (OTP's restart strategy).
 *
 * <p>Children are kept in start order (the order of {@link SupervisorSpec#children()}, then the
 * order of {@link Supervisor#startChild}). Whatever the strategy, the children that have to be
 * stopped are stopped in <em>reverse</em> start order, each within its {@link Shutdown}, and then
 * restarted in start order. A restart of several children counts as <em>one</em> restart toward
 * the restart intensity.
 */
public enum Strategy {

    /** Restart only the child that exited. */
    ONE_FOR_ONE,

    /**
     * Stop every other child (reverse start order), then restart all of them (start order): for
     * children that cannot work without each other.
     */
    ONE_FOR_ALL,

    /**
     * Stop the children started after the one that exited (reverse start order), then restart it
     * and them (start order): for children that depend on the ones started before them.
     */
    REST_FOR_ONE
}
