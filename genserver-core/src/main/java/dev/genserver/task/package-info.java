/**
 * Work off the mailbox: OTP/Elixir's {@code Task} and {@code Task.Supervisor}.
 *
 * <p>A server's handler must not block its mailbox for long. With
 * {@link dev.genserver.task.TaskSupervisor#async(dev.genserver.process.ServerRef, java.util.concurrent.Callable)}
 * it runs the work on another virtual thread and gets the outcome back as an info message, a
 * {@link dev.genserver.task.TaskResult}; a task that throws arrives as
 * {@link dev.genserver.task.TaskResult.Failed}, never as a lost exception.
 * {@link dev.genserver.task.TaskSupervisor#reply} answers a deferred caller instead. Tasks started
 * by a server are cancelled when that server stops; a supervisor bounds how many of its tasks run
 * at once. From outside a server, {@link dev.genserver.task.Task#await} and
 * {@link dev.genserver.task.Task#awaitAll} wait for results. Contract §15.
 */
@NullMarked
package dev.genserver.task;

import org.jspecify.annotations.NullMarked;
