package dev.genserver.supervisor;

/**
 * {@link Supervisor#restartChild} or {@link Supervisor#deleteChild}: the child is running
 * (OTP's {@code running}).
 */
public final class ChildRunningException extends SupervisorException {

    private static final long serialVersionUID = 1L;

    ChildRunningException(String supervisor, String operation, String childId) {
        super("supervisor " + supervisor + " cannot " + operation + " child " + childId
                + ": it is running; terminate it first with terminateChild(\"" + childId + "\")", supervisor,
                operation, childId);
    }
}
