package dev.genserver.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GenServer#inspectState} and {@link GenServer#replaceInspectedState}: a server that holds
 * its state in a mutable object of its own shows a snapshot of it, and takes a replacement back
 * into it (contract §8.2, §8.3; the state machines of §14 rely on it).
 */
class InspectStateHookTest {

    private final ProcessRuntime runtime = ProcessRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    /** Mutated in place by the server's own thread only. */
    static final class Counter {
        int count;
    }

    /** Counts casts in place; shows and takes its count as an immutable list of one element. */
    static final class InPlace implements GenServer<Counter> {
        private final boolean failingView;

        InPlace(boolean failingView) {
            this.failingView = failingView;
        }

        @Override
        public Init<Counter> init(ServerContext ctx) {
            return Init.ok(new Counter());
        }

        @Override
        public Result<Counter> handleCast(Object message, Counter counter) {
            counter.count++;
            return Result.noReply(counter);
        }

        @Override
        public Result<Counter> handleCall(Object request, ReplyTo from, Counter counter) {
            return Result.reply(counter.count, counter);
        }

        @Override
        public Object inspectState(Counter counter) {
            if (failingView) {
                throw new IllegalStateException("no view");
            }
            return List.of(counter.count);
        }

        @Override
        public Counter replaceInspectedState(Counter counter, Object replacement) {
            counter.count = ((List<?>) replacement).size() == 1 ? (Integer) ((List<?>) replacement).get(0) : -1;
            return counter;
        }
    }

    @Test
    void getStateShowsTheViewAndASnapshotTakenEarlierDoesNotChange() {
        ServerRef ref = runtime.start(() -> new InPlace(false)).ref();
        ref.cast("one");
        List<Integer> first = ref.getState();
        ref.cast("two");
        assertThat(ref.<List<Integer>>getState()).containsExactly(2);
        assertThat(first).containsExactly(1);
    }

    @Test
    void replaceStateGoesThroughTheViewBothWays() {
        ServerRef ref = runtime.start(() -> new InPlace(false)).ref();
        ref.cast("one");
        List<Integer> replaced = ref.replaceState((List<Integer> view) -> List.of(view.get(0) + 41));
        assertThat(replaced).containsExactly(42);
        ref.cast("more");
        assertThat(ref.<Integer>call("count?")).isEqualTo(43);
    }

    @Test
    void aViewThatThrowsFailsTheInspectionAndTheServerRunsOn() {
        ServerRef ref = runtime.start(() -> new InPlace(true)).ref();
        ref.cast("one");
        assertThatThrownBy(ref::getState).isInstanceOf(GenServerException.class)
                .hasMessageContaining("inspectState threw").hasRootCauseMessage("no view");
        assertThatThrownBy(() -> ref.replaceState(s -> s)).isInstanceOf(GenServerException.class)
                .hasMessageContaining("the state is unchanged");
        assertThat(ref.<Integer>call("count?")).isEqualTo(1);
        assertThat(ref.isAlive()).isTrue();
    }
}
