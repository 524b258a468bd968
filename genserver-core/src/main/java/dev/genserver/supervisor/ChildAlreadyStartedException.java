package dev.genserver.supervisor;

import dev.genserver.process.ServerRef;

/** {@link Supervisor#startChild}: a child with this id is already running (OTP's {@code already_started}). */
public final class ChildAlreadyStartedException extends SupervisorException {

    private static final long serialVersionUID = 1L;

    private final transient ServerRef holder;

    ChildAlreadyStartedException(String supervisor, String childId, ServerRef holder) {
        super("supervisor " + supervisor + " already has a running child with id " + childId + " (" + holder
                + "); use that child, or give the new child spec another id", supervisor, "startChild", childId);
        this.holder = holder;
    }

    /**
     * Returns the running child.
     *
     * @return its reference
     */
    public ServerRef holder() {
        return holder;
    }
}
