package dev.genserver.task;

import java.time.Duration;

/** A task ran past the timeout it was started with; it has been interrupted. */
public final class TaskTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param task the task
     * @param timeout its timeout
     */
    public TaskTimeoutException(Task<?> task, Duration timeout) {
        super(task + " did not finish within " + timeout.toMillis()
                + " ms and was interrupted; give it a longer timeout or make the work shorter");
    }
}
