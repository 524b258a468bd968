package dev.genserver.benchmarks.baseline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
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
 * JVM floor for W7: a bare virtual-thread crash and restart, with nothing of ours in it. A
 * "server" virtual thread takes messages from a queue (the mailbox, which survives it); a crash
 * message ends the thread; a watcher virtual thread, parked in {@code join()} on it, starts a fresh
 * server thread on the same queue; the call queued behind the crash is answered by the fresh
 * thread, whose state starts afresh. The same chain of hand-offs as {@code OursRestartBenchmark.w7_restart}
 * (caller → server dies → watcher wakes → new thread starts → it answers → caller), and the least a
 * crash-to-answer can cost on the JVM when the restart runs on a thread of its own, as OTP's
 * supervisor is a process of its own. Sampled; the report quotes the median, beside ours, Pekko's
 * and Elixir's W7 restart. Same JMH configuration as the other W7 benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FloorVirtualThreadRestartBenchmark {

    /** The crash message: the server thread that takes it ends. */
    private static final Object CRASH = new Object();

    /** A call: the server answers with its count of calls since it (re)started. */
    private record Call(CompletableFuture<Long> reply) {
    }

    private final LinkedBlockingQueue<Object> mailbox = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread watcher;

    /** Starts the watcher, which starts the first server thread. */
    @Setup
    public void setUp() {
        running = true;
        watcher = Thread.ofVirtual().name("floor-watcher").start(this::watch);
    }

    /** Stops the watcher and the last server thread. */
    @TearDown
    public void tearDown() throws InterruptedException {
        running = false;
        mailbox.add(CRASH);
        watcher.join();
    }

    private void watch() {
        while (running) {
            Thread server = Thread.ofVirtual().start(this::serve);
            try {
                server.join();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void serve() {
        long count = 0; // the fresh incarnation's state
        for (;;) {
            Object message;
            try {
                message = mailbox.take();
            } catch (InterruptedException e) {
                return;
            }
            if (message == CRASH) {
                return; // the thread dies; the watcher restarts it
            }
            ((Call) message).reply().complete(++count);
        }
    }

    /**
     * Crash, then the first answered call of the restarted server thread.
     *
     * @return the fresh server's count (1)
     */
    @Benchmark
    public long w7_restart() {
        mailbox.add(CRASH);
        Call call = new Call(new CompletableFuture<>());
        mailbox.add(call);
        return call.reply().join();
    }
}
