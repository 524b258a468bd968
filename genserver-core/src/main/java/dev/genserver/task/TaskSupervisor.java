package dev.genserver.task;

import dev.genserver.process.ReplyTo;
import dev.genserver.process.ServerRef;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts tasks on virtual threads, bounds how many run at once, and cancels those a server
 * started when that server stops (Elixir's {@code Task.Supervisor}).
 *
 * <pre>{@code
 * TaskSupervisor payments = TaskSupervisor.bounded("payments", 8);
 *
 * public Result<State> handleCall(Object request, ReplyTo from, State state) {
 *     if (request instanceof Charge charge) {
 *         payments.reply(ctx.self(), from, () -> gateway.charge(charge));  // the caller gets the receipt
 *         return Result.noReply(state);
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #async(ServerRef, Callable)}: the outcome comes back to the server as a
 *       {@link TaskResult} info message, a failure included (contract §15.1).</li>
 *   <li>{@link #reply}: the outcome answers a deferred caller (§15.2).</li>
 *   <li>{@link #async(Callable)}: from outside a server; {@link Task#await} it (§15.4).</li>
 * </ul>
 *
 * <p>Past the bound, new tasks wait (in order) for a running one to finish; waiting holds no
 * platform thread. {@link #close()} cancels every task.
 */
public final class TaskSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TaskSupervisor.class);
    private static final AtomicLong IDS = new AtomicLong();

    private static final class Common {
        static final TaskSupervisor INSTANCE = new TaskSupervisor("tasks", 0);
    }

    private static final class Timeouts {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                    Thread.ofPlatform().name("genserver-task-timeouts").daemon(true).factory());
            e.setRemoveOnCancelPolicy(true);
            return e;
        }
    }

    private final String name;
    private final int maxConcurrent;
    private final @Nullable Semaphore permits;
    private final Thread.Builder.OfVirtual threads;
    private final Set<Task<?>> live = ConcurrentHashMap.newKeySet();
    /** The tasks of each server that started some, until its current instance exits. */
    private final ConcurrentHashMap<ServerRef, Set<Task<?>>> owned = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private TaskSupervisor(String name, int maxConcurrent) {
        this.name = Objects.requireNonNull(name, "name");
        this.maxConcurrent = maxConcurrent;
        this.permits = maxConcurrent > 0 ? new Semaphore(maxConcurrent, true) : null;
        this.threads = Thread.ofVirtual().name("genserver-task-" + name + "-", 1).inheritInheritableThreadLocals(false);
    }

    /**
     * Creates a supervisor with no bound.
     *
     * @param name names its threads and its tasks in logs and errors
     * @return the supervisor
     */
    public static TaskSupervisor unbounded(String name) {
        return new TaskSupervisor(name, 0);
    }

    /**
     * Creates a supervisor that runs at most {@code maxConcurrent} tasks at once; the others wait.
     *
     * @param name names its threads and its tasks in logs and errors
     * @param maxConcurrent the bound, at least 1
     * @return the supervisor
     * @throws IllegalArgumentException if {@code maxConcurrent} is below 1
     */
    public static TaskSupervisor bounded(String name, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("task supervisor " + name + ": maxConcurrent must be at least 1, not "
                    + maxConcurrent + "; use TaskSupervisor.unbounded for no bound");
        }
        return new TaskSupervisor(name, maxConcurrent);
    }

    /**
     * Returns the JVM-wide unbounded supervisor behind {@link Task#async(ServerRef, Callable)}.
     * It is never closed; the tasks of a server are still cancelled when that server stops.
     *
     * @return the common supervisor
     */
    public static TaskSupervisor common() {
        return Common.INSTANCE;
    }

    /**
     * Returns this supervisor's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the bound.
     *
     * @return the most tasks that run at once; 0 for no bound
     */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Returns how many tasks are started and not finished: running, or waiting for the bound.
     *
     * @return the count
     */
    public int activeCount() {
        return live.size();
    }

    /**
     * Runs {@code work} for a server; its outcome comes back to that server's {@code handleInfo} as
     * {@link TaskResult.Ok} or {@link TaskResult.Failed}. Cancelled, with no message, when the
     * server instance stops.
     *
     * @param owner the server that starts it ({@code ctx.self()} in its handler)
     * @param work the work
     * @param <T> the type of the value
     * @return the task, to recognise its result
     */
    public <T> Task<T> async(ServerRef owner, Callable<? extends T> work) {
        return async(owner, work, null);
    }

    /**
     * Like {@link #async(ServerRef, Callable)}; past {@code timeout} the task is interrupted and
     * arrives as {@link TaskResult.Failed} with a {@link TaskTimeoutException}.
     *
     * @param owner the server that starts it ({@code ctx.self()})
     * @param work the work
     * @param timeout the most it may run, counted from its start (waiting for the bound included);
     *                null or {@code ServerRef.INFINITY} for no limit
     * @param <T> the type of the value
     * @return the task
     */
    public <T> Task<T> async(ServerRef owner, Callable<? extends T> work, @Nullable Duration timeout) {
        Objects.requireNonNull(owner, "owner");
        return start(work, owner, timeout, (task, outcome) -> owner.send(outcome));
    }

    /**
     * Runs {@code work} for a server and answers the deferred caller {@code from} with its value
     * ({@link ReplyTo#reply}) or its failure ({@link ReplyTo#fail}, so the caller gets a
     * {@code CallFailedException}); the server returns {@code Result.noReply} meanwhile and keeps
     * handling messages. Cancelled when the server instance stops (the caller then gets
     * {@code ServerStoppedException}).
     *
     * @param owner the server that starts it ({@code ctx.self()})
     * @param from the caller to answer
     * @param work the work
     * @param <T> the type of the value
     * @return the task
     */
    public <T> Task<T> reply(ServerRef owner, ReplyTo from, Callable<? extends T> work) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(from, "from");
        return start(work, owner, null, (task, outcome) -> {
            switch (outcome) {
                case TaskResult.Ok<T> ok -> from.reply(ok.value());
                case TaskResult.Failed<T> failed -> from.fail(failed.error());
            }
        });
    }

    /**
     * Runs {@code work} for code outside a server: wait for it with {@link Task#await}.
     *
     * @param work the work
     * @param <T> the type of the value
     * @return the task
     */
    public <T> Task<T> async(Callable<? extends T> work) {
        return start(work, null, null, (task, outcome) -> { });
    }

    /**
     * Like {@link #async(Callable)}, interrupted past {@code timeout}.
     *
     * @param work the work
     * @param timeout the most it may run
     * @param <T> the type of the value
     * @return the task
     */
    public <T> Task<T> async(Callable<? extends T> work, Duration timeout) {
        return start(work, null, Objects.requireNonNull(timeout, "timeout"), (task, outcome) -> { });
    }

    private <T> Task<T> start(Callable<? extends T> work, @Nullable ServerRef owner, @Nullable Duration timeout,
                              BiConsumer<Task<T>, TaskResult<T>> deliver) {
        Objects.requireNonNull(work, "work");
        if (closed) {
            throw new IllegalStateException("task supervisor " + name + " is closed; cannot start a task");
        }
        Task<T> task = new Task<>(IDS.incrementAndGet(), this, work, owner);
        live.add(task);
        if (owner != null) {
            own(owner, task);
        }
        long timeoutNanos = timeout == null ? Long.MAX_VALUE : Task.nanos(timeout);
        @Nullable ScheduledFuture<?> timer = timeoutNanos == Long.MAX_VALUE ? null : Timeouts.EXECUTOR.schedule(() -> {
            if (task.future.completeExceptionally(new TaskTimeoutException(task, timeout))) {
                Thread t = task.thread;
                if (t != null) {
                    t.interrupt();
                }
                deliverSafely(task, new TaskResult.Failed<>(task, new TaskTimeoutException(task, timeout)), deliver);
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        task.future.whenComplete((v, e) -> {
            if (timer != null) {
                timer.cancel(false);
            }
        });
        threads.start(() -> run(task, deliver));
        return task;
    }

    private <T> void run(Task<T> task, BiConsumer<Task<T>, TaskResult<T>> deliver) {
        task.thread = Thread.currentThread();
        boolean permitted = false;
        try {
            if (task.future.isDone()) {
                return; // cancelled before it ran
            }
            if (permits != null) {
                permits.acquire();
                permitted = true;
            }
            if (task.future.isDone()) {
                return;
            }
            TaskResult<T> outcome;
            try {
                T value = task.work.call();
                outcome = task.future.complete(value) ? new TaskResult.Ok<>(task, value) : null;
            } catch (Throwable e) {
                outcome = task.future.completeExceptionally(e) ? new TaskResult.Failed<>(task, e) : null;
            }
            if (outcome != null) {
                deliverSafely(task, outcome, deliver);
            }
        } catch (InterruptedException e) {
            task.cancel(); // interrupted while waiting for the bound: cancelled, or the owner stopped
        } finally {
            task.thread = null;
            if (permitted) {
                permits.release();
            }
            live.remove(task);
            ServerRef owner = task.owner;
            if (owner != null) {
                Set<Task<?>> tasks = owned.get(owner);
                if (tasks != null) {
                    tasks.remove(task);
                }
            }
            Thread.interrupted(); // a cancel may have come after the work returned
        }
    }

    private static <T> void deliverSafely(Task<T> task, TaskResult<T> outcome, BiConsumer<Task<T>, TaskResult<T>> deliver) {
        try {
            deliver.accept(task, outcome);
        } catch (RuntimeException e) {
            log.warn("could not deliver the outcome of {}", task, e);
        }
    }

    private void own(ServerRef owner, Task<?> task) {
        boolean[] fresh = {false};
        Set<Task<?>> tasks = owned.computeIfAbsent(owner, o -> {
            fresh[0] = true;
            return ConcurrentHashMap.newKeySet();
        });
        tasks.add(task);
        if (fresh[0]) {
            owner.onExit().whenComplete((reason, error) -> {
                Set<Task<?>> left = owned.remove(owner);
                if (left != null) {
                    left.forEach(Task::cancel);
                }
            });
        }
    }

    /** Cancels every task of this supervisor; no task can be started afterwards. */
    @Override
    public void close() {
        if (this == Common.INSTANCE) {
            throw new UnsupportedOperationException("the common task supervisor is never closed");
        }
        closed = true;
        live.forEach(Task::cancel);
    }

    @Override
    public String toString() {
        return "task supervisor " + name + (maxConcurrent > 0 ? " (at most " + maxConcurrent + " at once)" : "");
    }
}
