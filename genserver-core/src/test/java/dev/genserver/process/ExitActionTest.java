package dev.genserver.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The exit action a supervisor sets on a child's incarnation ({@link SupervisorAccess#whenExits}),
 * kept in the incarnation itself instead of a future chain: it runs once, with the exit reason,
 * whether it was set before the exit, after it, or beside someone waiting on the exit future.
 */
class ExitActionTest {

    static final class Idle implements GenServer<String> {
        @Override
        public Init<String> init(ServerContext ctx) {
            return Init.ok("idle");
        }

        /** Stops on its own thread, so that no stopper waits on the exit future. */
        @Override
        public Result<String> handleCast(Object message, String state) {
            return Result.stop(BYE, state);
        }
    }

    private static final ExitReason BYE = ExitReason.shutdown("bye");

    private static Incarnation incarnation(ServerRef ref) {
        Incarnation inc = ((ProcessCell) ref).current;
        assertThat(inc).isNotNull();
        return inc;
    }

    @Test
    void anActionSetBeforeTheExitRunsOnceWithItsReason() {
        try (ProcessRuntime rt = ProcessRuntime.create()) {
            ServerRef ref = rt.start(Idle::new).ref();
            List<ExitReason> seen = new CopyOnWriteArrayList<>();
            incarnation(ref).whenExits((reason, error) -> seen.add(reason));
            assertThat(seen).isEmpty();
            ref.cast("stop");
            await().atMost(5, TimeUnit.SECONDS).until(() -> !seen.isEmpty());
            assertThat(seen).containsExactly(BYE);
        }
    }

    @Test
    void aFutureAskedAfterTheActionCompletesAndTheActionStillRunsOnce() throws Exception {
        try (ProcessRuntime rt = ProcessRuntime.create()) {
            ServerRef ref = rt.start(Idle::new).ref();
            Incarnation inc = incarnation(ref);
            AtomicInteger first = new AtomicInteger();
            AtomicInteger second = new AtomicInteger();
            inc.whenExits((reason, error) -> first.incrementAndGet());
            CompletableFuture<ExitReason> future = inc.exitFuture();
            inc.whenExits((reason, error) -> second.incrementAndGet());
            ref.cast("stop");
            assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo(BYE);
            await().atMost(5, TimeUnit.SECONDS).until(() -> first.get() == 1 && second.get() == 1);
            assertThat(inc.exitFuture()).isSameAs(future);
            assertThat(first).hasValue(1);
            assertThat(second).hasValue(1);
        }
    }

    @Test
    void anActionSetAfterTheExitRunsAtOnceAndTheFutureIsAlreadyComplete() {
        try (ProcessRuntime rt = ProcessRuntime.create()) {
            ServerRef ref = rt.start(Idle::new).ref();
            Incarnation inc = incarnation(ref);
            List<ExitReason> early = new CopyOnWriteArrayList<>();
            inc.whenExits((reason, error) -> early.add(reason));
            ref.cast("stop");
            await().atMost(5, TimeUnit.SECONDS).until(() -> !early.isEmpty());
            List<ExitReason> late = new CopyOnWriteArrayList<>();
            inc.whenExits((reason, error) -> late.add(reason));
            assertThat(late).containsExactly(BYE);
            assertThat(inc.exitFuture()).isCompletedWithValue(BYE);
            assertThat(early).containsExactly(BYE); // not run a second time by the late future
        }
    }

    @Test
    void aFailingActionDoesNotStopTheExitFromCompleting() {
        try (ProcessRuntime rt = ProcessRuntime.create()) {
            ServerRef ref = rt.start(Idle::new).ref();
            Incarnation inc = incarnation(ref);
            inc.whenExits((reason, error) -> {
                throw new IllegalStateException("a broken watcher");
            });
            ref.cast("stop");
            await().atMost(5, TimeUnit.SECONDS).until(() -> !ref.isAlive());
            // the exit ran to its end past the failing action: a late waiter gets the reason at once
            List<ExitReason> late = new CopyOnWriteArrayList<>();
            inc.whenExits((reason, error) -> late.add(reason));
            assertThat(late).containsExactly(BYE);
        }
    }
}
