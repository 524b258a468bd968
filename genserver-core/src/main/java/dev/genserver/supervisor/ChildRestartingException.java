package dev.genserver.supervisor;

/**
 * {@link Supervisor#restartChild} or {@link Supervisor#deleteChild}: the supervisor is restarting
 * the child itself (OTP's {@code restarting}).
 */
public final class ChildRestartingException extends SupervisorException {

    private static final long serialVersionUID = 1L;

    ChildRestartingException(String supervisor, String operation, String childId) {
        super("supervisor " + supervisor + " cannot " + operation + " child " + childId
                + ": the supervisor is restarting it; wait until it runs again, or terminate it first with "
                + "terminateChild(\"" + childId + "\")", supervisor, operation, childId);
    }
}
