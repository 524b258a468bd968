package dev.genserver.supervisor;

import dev.genserver.process.ExitReason;
import dev.genserver.process.StartFailedException;
import org.jspecify.annotations.Nullable;

/**
 * A supervisor could not start a child: the child's init returned stop, threw or timed out. Thrown
 * by {@link Supervisor#start} (the supervisor then stopped the children it had already started,
 * in reverse order, and did not start), and by {@link Supervisor#startChild},
 * {@link Supervisor#restartChild} and {@link DynamicSupervisor#startChild}.
 *
 * <p>{@link #reason()} is the supervisor's exit reason for a failed supervisor start,
 * {@code shutdown(failed to start child (id, reason))} as in OTP, and the child's own reason
 * otherwise; {@link #childReason()} is always the child's.
 */
public final class ChildStartFailedException extends StartFailedException {

    private static final long serialVersionUID = 1L;

    /** The child that did not start. */
    private final String childId;
    private final transient ExitReason childReason;
    /** What made the child fail. */
    private final @Nullable Throwable cause;

    ChildStartFailedException(String supervisor, String childId, ExitReason childReason, ExitReason reason,
                              Throwable fallbackCause) {
        super(supervisor, reason, "supervisor " + supervisor + " failed to start child (" + childId + ", "
                + childReason + "); see the cause and fix the child's init or its start options");
        this.childId = childId;
        this.childReason = childReason;
        Throwable crash = crashOf(childReason);
        this.cause = crash != null ? crash : fallbackCause;
    }

    /** The exception that made the child (or, nested, a grandchild) fail, if it was a crash. */
    private static @Nullable Throwable crashOf(ExitReason reason) {
        return switch (reason) {
            case ExitReason.Crash c -> c.cause();
            case ExitReason.Shutdown(FailedToStartChild failed) -> crashOf(failed.reason());
            default -> null;
        };
    }

    /**
     * Returns what made the child fail: the exception its init threw (found through nested
     * supervisors too), or the exception that reported the failure.
     *
     * @return the cause
     */
    @Override
    public synchronized @Nullable Throwable getCause() {
        return cause;
    }

    /**
     * Returns the child that did not start.
     *
     * @return its id
     */
    public String childId() {
        return childId;
    }

    /**
     * Returns why the child did not start.
     *
     * @return the child's reason
     */
    public ExitReason childReason() {
        return childReason;
    }
}
