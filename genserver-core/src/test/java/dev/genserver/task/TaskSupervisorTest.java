package dev.genserver.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStoppedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contract §15: tasks started from servers and from outside. */
class TaskSupervisorTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();
    private final TaskSupervisor tasks = TaskSupervisor.unbounded("test");
    /** Every thread a task ran on, to check that none is left. */
    private final Queue<Thread> taskThreads = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<TaskResult<?>> results = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        tasks.close();
        runtime.close();
        await().untilAsserted(() -> assertThat(taskThreads).noneMatch(Thread::isAlive));
        assertThat(tasks.activeCount()).isZero();
    }

    private <T> Callable<T> tracked(Callable<T> work) {
        return () -> {
            taskThreads.add(Thread.currentThread());
            return work.call();
        };
    }

    record Run(Callable<?> work, Duration timeout) {}
    record Answer(Callable<?> work) {}

    /** Starts the tasks it is told to and passes their outcomes to the test. */
    final class Starter implements GenServer<List<Task<?>>> {
        private ServerContext ctx;

        public Init<List<Task<?>>> init(ServerContext ctx) {
            this.ctx = ctx;
            return Init.ok(new ArrayList<>());
        }

        public Result<List<Task<?>>> handleCall(Object request, ReplyTo from, List<Task<?>> started) {
            return switch (request) {
                case Run(Callable<?> work, Duration timeout) -> {
                    Task<?> task = tasks.async(ctx.self(), tracked(work), timeout);
                    started.add(task);
                    yield Result.reply(task, started);
                }
                case Answer(Callable<?> work) -> {
                    tasks.reply(ctx.self(), from, tracked(work));
                    yield Result.noReply(started);
                }
                default -> Result.unhandled(started);
            };
        }

        public Result<List<Task<?>>> handleInfo(Object message, List<Task<?>> started) {
            if (message instanceof TaskResult<?> r && started.contains(r.task())) {
                results.add(r);
                return Result.noReply(started);
            }
            return Result.unhandled(started);
        }
    }

    private ServerRef starter() {
        return runtime.start(Starter::new).ref();
    }

    @Test
    void theResultComesBackAsAMessage() throws Exception {
        ServerRef server = starter();
        Task<?> task = server.call(new Run(() -> "done", Duration.ofSeconds(5)));
        TaskResult<?> result = results.poll(5, TimeUnit.SECONDS);
        assertThat(result).isEqualTo(new TaskResult.Ok<>((Task<Object>) task, "done"));
    }

    @Test
    void aCrashingTaskArrivesAsAMessage() throws Exception {
        ServerRef server = starter();
        server.call(new Run(() -> {
            throw new IllegalStateException("device unplugged");
        }, Duration.ofSeconds(5)));
        TaskResult<?> result = results.poll(5, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(TaskResult.Failed.class);
        assertThat(((TaskResult.Failed<?>) result).error()).hasMessage("device unplugged");
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void aTaskPastItsTimeoutIsInterruptedAndArrivesAsAFailure() throws Exception {
        ServerRef server = starter();
        CountDownLatch interrupted = new CountDownLatch(1);
        server.call(new Run(() -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "late";
        }, Duration.ofMillis(50)));
        TaskResult<?> result = results.poll(5, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(TaskResult.Failed.class);
        assertThat(((TaskResult.Failed<?>) result).error()).isInstanceOf(TaskTimeoutException.class)
                .hasMessageContaining("did not finish within 50 ms");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(results.poll(100, TimeUnit.MILLISECONDS)).as("one outcome only").isNull();
    }

    @Test
    void tasksAreCancelledWhenTheirServerStops() throws Exception {
        ServerRef server = starter();
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch interrupted = new CountDownLatch(2);
        Callable<String> blocking = () -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "never delivered";
        };
        Task<?> first = server.call(new Run(blocking, ServerRef.INFINITY));
        CompletableFuture<Object> answer = server.callAsync(new Answer(blocking), ServerRef.INFINITY);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        server.stop(ExitReason.SHUTDOWN, Duration.ofSeconds(5));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(first.isDone()).isTrue();
        assertThatThrownBy(() -> first.await(Duration.ofSeconds(1))).isInstanceOf(CancellationException.class);
        assertThat(answer).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(ServerStoppedException.class);
        assertThat(results).isEmpty();
    }

    @Test
    void aDeferredCallerIsAnsweredByTheTask() {
        ServerRef server = starter();
        assertThat(server.<String>call(new Answer(() -> "receipt"))).isEqualTo("receipt");
        assertThatThrownBy(() -> server.call(new Answer(() -> {
            throw new IllegalArgumentException("card declined");
        }))).isInstanceOf(CallFailedException.class).hasRootCauseMessage("card declined");
        assertThat(server.isAlive()).as("a failed task does not crash its server").isTrue();
    }

    @Test
    void theSupervisorBoundsHowManyRunAtOnce() throws Exception {
        try (TaskSupervisor bounded = TaskSupervisor.bounded("bounded", 2)) {
            AtomicInteger now = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            List<Task<Integer>> started = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                started.add(bounded.async(tracked(() -> {
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    release.await();
                    now.decrementAndGet();
                    return n;
                })));
            }
            await().until(() -> now.get() == 2);
            assertThat(bounded.activeCount()).isEqualTo(6);
            release.countDown();
            assertThat(Task.awaitAll(started, Duration.ofSeconds(5))).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(most.get()).isEqualTo(2);
        }
    }

    @Test
    void theBoundIsChecked() {
        assertThatThrownBy(() -> TaskSupervisor.bounded("x", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("task supervisor x");
    }

    @Test
    void awaitAllCancelsTheOthersAtTheFirstFailure() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Task<String> slow = tasks.async(tracked(() -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "slow";
        }));
        Task<String> failing = tasks.async(tracked(() -> {
            throw new IllegalStateException("no quote");
        }));
        assertThatThrownBy(() -> Task.awaitAll(List.of(failing, slow), Duration.ofSeconds(5)))
                .isInstanceOf(TaskFailedException.class).hasRootCauseMessage("no quote")
                .hasMessageContaining("task #" + failing.id + " of test");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void awaitPastTheTimeoutCancelsTheTask() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Task<String> slow = tasks.async(tracked(() -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "slow";
        }));
        assertThatThrownBy(() -> slow.await(Duration.ofMillis(20))).isInstanceOf(TaskTimeoutException.class);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void yieldManyReturnsWhatHasFinished() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Task<String> quick = tasks.async(tracked(() -> "quick"));
        Task<String> slow = tasks.async(tracked(() -> {
            release.await();
            return "slow";
        }));
        quick.await(Duration.ofSeconds(5));
        List<Optional<TaskResult<String>>> outcomes = Task.yieldMany(List.of(quick, slow), Duration.ofMillis(20));
        assertThat(outcomes.get(0)).contains(new TaskResult.Ok<>(quick, "quick"));
        assertThat(outcomes.get(1)).isEmpty();
        assertThat(slow.isDone()).as("yieldMany leaves it running").isFalse();
        release.countDown();
        assertThat(slow.await(Duration.ofSeconds(5))).isEqualTo("slow");
    }
}
