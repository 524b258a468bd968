package dev.genserver.task;

/**
 * Thrown by {@link Task#await} and {@link Task#awaitAll} when a task threw; the cause is what it
 * threw.
 */
public final class TaskFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param task the task
     * @param cause what it threw
     */
    public TaskFailedException(Task<?> task, Throwable cause) {
        super(task + " failed: " + cause, cause);
    }
}
