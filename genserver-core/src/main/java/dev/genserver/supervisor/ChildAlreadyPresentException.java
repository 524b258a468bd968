package dev.genserver.supervisor;

/**
 * {@link Supervisor#startChild}: the supervisor keeps a spec under this id whose child is not
 * running (OTP's {@code already_present}).
 */
public final class ChildAlreadyPresentException extends SupervisorException {

    private static final long serialVersionUID = 1L;

    ChildAlreadyPresentException(String supervisor, String childId) {
        super("supervisor " + supervisor + " already has a child spec with id " + childId
                + " (not running); start it with restartChild(\"" + childId + "\"), or remove it with deleteChild(\""
                + childId + "\") before adding another spec under that id", supervisor, "startChild", childId);
    }
}
