package dev.genserver.benchmarks.ours;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.task.Task;
import dev.genserver.task.TaskResult;
import dev.genserver.task.TaskSupervisor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W15: a task's start-and-result round trip (contract §15), from outside a server
 * ({@code Task.await}, beside its floor {@code FloorVirtualThreadFutureBenchmark}: a bare virtual
 * thread completing a {@code CompletableFuture}), and from a server, where the result comes back
 * as a message that answers a deferred call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OursTaskBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Starts a task per call and answers the call when its result arrives. */
    static final class Starter implements GenServer<Map<Task<?>, ReplyTo>> {
        private final TaskSupervisor tasks;
        private ServerContext ctx;

        Starter(TaskSupervisor tasks) {
            this.tasks = tasks;
        }

        @Override
        public Init<Map<Task<?>, ReplyTo>> init(ServerContext ctx) {
            this.ctx = ctx;
            return Init.ok(new HashMap<>());
        }

        @Override
        public Result<Map<Task<?>, ReplyTo>> handleCall(Object request, ReplyTo from, Map<Task<?>, ReplyTo> waiting) {
            waiting.put(tasks.async(ctx.self(), () -> 42), from);
            return Result.noReply(waiting);
        }

        @Override
        public Result<Map<Task<?>, ReplyTo>> handleInfo(Object message, Map<Task<?>, ReplyTo> waiting) {
            if (message instanceof TaskResult.Ok<?>(Task<?> task, Object value)) {
                waiting.remove(task).reply(value);
            }
            return Result.noReply(waiting);
        }
    }

    private ProcessRuntime runtime;
    private TaskSupervisor tasks;
    private ServerRef starter;

    /** Starts the runtime, the supervisor and the server. */
    @Setup
    public void setUp() {
        runtime = ProcessRuntime.create();
        tasks = TaskSupervisor.unbounded("bench");
        starter = runtime.start(() -> new Starter(tasks)).ref();
    }

    /** Closes them. */
    @TearDown
    public void tearDown() {
        tasks.close();
        OursSupport.close(runtime);
    }

    /**
     * A task started and awaited from outside a server.
     *
     * @return the value
     */
    @Benchmark
    public Integer w15_await() {
        return tasks.async(() -> 42).await(TIMEOUT);
    }

    /**
     * A call whose handler starts a task; its result comes back as a message that answers the
     * call.
     *
     * @return the value
     */
    @Benchmark
    public Integer w15_fromServer() {
        return starter.call("go", TIMEOUT);
    }
}
