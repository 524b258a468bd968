package dev.genserver.supervisor;

import dev.genserver.process.GenServerException;
import org.jspecify.annotations.Nullable;

/**
 * A supervisor API call that the supervisor refused (OTP's {@code {error, ...}} answers of
 * {@code start_child}, {@code restart_child}, {@code delete_child}, {@code terminate_child}).
 * Each subclass is one of OTP's error cases; each names the supervisor, the child and what to do.
 */
public abstract sealed class SupervisorException extends GenServerException
        permits ChildAlreadyStartedException, ChildAlreadyPresentException, ChildRunningException,
        ChildRestartingException, ChildNotFoundException, MaxChildrenException {

    private static final long serialVersionUID = 1L;

    /** The child the call was about, if any. */
    private final @Nullable String childId;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     * @param supervisor the supervisor's name
     * @param operation the API operation, such as {@code restartChild}
     * @param childId the child's id, if the call was about one
     */
    SupervisorException(String message, String supervisor, String operation, @Nullable String childId) {
        super(message, supervisor, operation, null);
        this.childId = childId;
    }

    /**
     * Returns the supervisor's name.
     *
     * @return its name, or its id for an anonymous supervisor
     */
    public String supervisor() {
        return server();
    }

    /**
     * Returns the child the call was about.
     *
     * @return the child's id; none when the call was about no child (as for {@link MaxChildrenException})
     */
    public @Nullable String childId() {
        return childId;
    }
}
