package dev.genserver.task;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a task started from a server, delivered to that server's {@code handleInfo}
 * (a state machine's {@code Event.Info}). Match it against the {@link Task} the handler kept:
 *
 * <pre>{@code
 * case TaskResult.Ok<?>(Task<?> task, Object body) when task == state.pending() -> ...
 * case TaskResult.Failed(Task<?> task, Throwable error) when task == state.pending() -> ...
 * }</pre>
 *
 * @param <T> the type of the task's value
 */
public sealed interface TaskResult<T> {

    /**
     * Returns the task this is the outcome of.
     *
     * @return the task
     */
    Task<T> task();

    /**
     * The task returned a value.
     *
     * @param task the task
     * @param value what it returned
     * @param <T> the type of the value
     */
    record Ok<T>(Task<T> task, @Nullable T value) implements TaskResult<T> {
        /**
         * Validates the outcome.
         *
         * @param task the task
         * @param value the value
         */
        public Ok {
            Objects.requireNonNull(task, "task");
        }
    }

    /**
     * The task threw, or ran past its timeout ({@link TaskTimeoutException}).
     *
     * @param task the task
     * @param error what it threw
     * @param <T> the type of the value it would have returned
     */
    record Failed<T>(Task<T> task, Throwable error) implements TaskResult<T> {
        /**
         * Validates the outcome.
         *
         * @param task the task
         * @param error what it threw
         */
        public Failed {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(error, "error");
        }
    }
}
