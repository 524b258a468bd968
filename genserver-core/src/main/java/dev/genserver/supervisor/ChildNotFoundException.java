package dev.genserver.supervisor;

/** The supervisor has no such child (OTP's {@code not_found}). */
public final class ChildNotFoundException extends SupervisorException {

    private static final long serialVersionUID = 1L;

    ChildNotFoundException(String supervisor, String operation, String child) {
        super("supervisor " + supervisor + " has no child " + child + " to " + operation
                + "; whichChildren() lists the children it has", supervisor, operation, child);
    }
}
