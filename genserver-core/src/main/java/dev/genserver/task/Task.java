package dev.genserver.task;

import dev.genserver.process.ServerRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Work running on its own virtual thread, started by a {@link TaskSupervisor} (Elixir's
 * {@code Task}). A server keeps the handle to recognise the {@link TaskResult} that comes back,
 * or to {@link #cancel()} it; code outside a server {@link #await}s it.
 *
 * <pre>{@code
 * // in a handler: the result comes back to handleInfo
 * Task<Receipt> charge = tasks.async(ctx.self(), () -> gateway.charge(order));
 *
 * // outside a server
 * List<Quote> quotes = Task.awaitAll(List.of(
 *         tasks.async(() -> supplierA.quote(item)),
 *         tasks.async(() -> supplierB.quote(item))), Duration.ofSeconds(2));
 * }</pre>
 *
 * @param <T> the type of the task's value
 */
public final class Task<T> {

    final long id;
    final TaskSupervisor supervisor;
    final CompletableFuture<T> future = new CompletableFuture<>();
    final Callable<? extends T> work;
    final @Nullable ServerRef owner;
    volatile @Nullable Thread thread;

    Task(long id, TaskSupervisor supervisor, Callable<? extends T> work, @Nullable ServerRef owner) {
        this.id = id;
        this.supervisor = supervisor;
        this.work = work;
        this.owner = owner;
    }

    /**
     * Starts {@code work} from a handler on the JVM-wide unbounded supervisor
     * ({@link TaskSupervisor#common()}); the outcome comes back to the server as a {@link TaskResult}.
     *
     * @param owner the server that starts it ({@code ctx.self()})
     * @param work the work
     * @param <T> the type of the value
     * @return the task
     */
    public static <T> Task<T> async(ServerRef owner, Callable<? extends T> work) {
        return TaskSupervisor.common().async(owner, work);
    }

    /**
     * Starts {@code work} from outside a server on the JVM-wide unbounded supervisor; wait for it
     * with {@link #await}.
     *
     * @param work the work
     * @param <T> the type of the value
     * @return the task
     */
    public static <T> Task<T> async(Callable<? extends T> work) {
        return TaskSupervisor.common().async(work);
    }

    /**
     * Cancels the task: its thread is interrupted, and no outcome is delivered (no
     * {@link TaskResult}, no reply; a waiting {@link #await} throws {@link CancellationException}).
     *
     * @return true if the task had not finished yet
     */
    public boolean cancel() {
        boolean cancelled = future.completeExceptionally(new CancellationException(this + " was cancelled"));
        if (cancelled) {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
        return cancelled;
    }

    /**
     * Tells whether the task has finished, failed, timed out or been cancelled.
     *
     * @return true when done
     */
    public boolean isDone() {
        return future.isDone();
    }

    /**
     * Waits for the task's value, from outside a server (a handler gets a {@link TaskResult}
     * message instead and must not block). Past the timeout the task is cancelled, as a linked
     * Elixir task dies with its caller.
     *
     * @param timeout how long to wait
     * @return the value
     * @throws TaskFailedException if the task threw (the cause is what it threw)
     * @throws TaskTimeoutException if it did not finish in time (it is cancelled)
     * @throws CancellationException if it was cancelled
     */
    public @Nullable T await(Duration timeout) {
        try {
            return future.get(nanos(timeout), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel();
            throw new TaskTimeoutException(this, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new CancellationException("interrupted while waiting for " + this);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private RuntimeException failure(Throwable cause) {
        return switch (cause) {
            case TaskTimeoutException t -> t;
            case CancellationException c -> c;
            default -> new TaskFailedException(this, cause);
        };
    }

    /**
     * Waits for every task, from outside a server, within one overall timeout; the values come
     * in the order of {@code tasks}. At the first failure or at the timeout, the tasks not yet
     * finished are cancelled.
     *
     * @param tasks the tasks
     * @param timeout how long to wait for all of them
     * @param <T> the type of the values
     * @return the values
     * @throws TaskFailedException if a task threw
     * @throws TaskTimeoutException if they did not all finish in time
     */
    public static <T> List<@Nullable T> awaitAll(Collection<? extends Task<? extends T>> tasks, Duration timeout) {
        long total = nanos(timeout);
        long deadline = total == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + total;
        List<@Nullable T> values = new ArrayList<>(tasks.size());
        try {
            for (Task<? extends T> task : tasks) {
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
                values.add(task.await(Duration.ofNanos(left)));
            }
            return values;
        } catch (RuntimeException e) {
            tasks.forEach(Task::cancel);
            throw e;
        }
    }

    /**
     * Waits up to {@code timeout} for the tasks and returns the outcome of each, in order, or
     * empty for one still running, which keeps running (Elixir's {@code Task.yield_many}).
     *
     * @param tasks the tasks
     * @param timeout how long to wait for all of them
     * @param <T> the type of the values
     * @return an outcome per task; a cancelled task's is empty
     */
    public static <T> List<Optional<TaskResult<T>>> yieldMany(Collection<Task<T>> tasks, Duration timeout) {
        CompletableFuture<?> all = CompletableFuture.allOf(tasks.stream().map(t -> t.future).toArray(CompletableFuture[]::new));
        try {
            all.get(nanos(timeout), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            // outcomes are read one by one below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Optional<TaskResult<T>>> outcomes = new ArrayList<>(tasks.size());
        for (Task<T> task : tasks) {
            outcomes.add(Optional.ofNullable(task.outcome()));
        }
        return outcomes;
    }

    /** A duration in nanoseconds, {@link Long#MAX_VALUE} for one too long to count (as {@code ServerRef.INFINITY}). */
    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** The outcome of a finished task, or null while it runs or when it was cancelled. */
    @Nullable TaskResult<T> outcome() {
        if (!future.isDone()) {
            return null;
        }
        try {
            return new TaskResult.Ok<>(this, future.getNow(null));
        } catch (CancellationException e) {
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause instanceof CancellationException ? null : new TaskResult.Failed<>(this, cause);
        }
    }

    @Override
    public String toString() {
        return "task #" + id + " of " + supervisor.name();
    }
}
