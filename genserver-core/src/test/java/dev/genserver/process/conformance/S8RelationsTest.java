package dev.genserver.process.conformance;

import static dev.genserver.process.conformance.ConformanceFixtures.LONG;
import static dev.genserver.process.conformance.ConformanceFixtures.eventually;
import static dev.genserver.process.conformance.ConformanceFixtures.startRecorder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.process.ExitReason;
import dev.genserver.process.MonitorRef;
import dev.genserver.process.ProcessRelations;
import dev.genserver.process.ServerContext;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.process.TimerRef;
import dev.genserver.process.conformance.ConformanceFixtures.Events;
import dev.genserver.process.conformance.ConformanceFixtures.WithCtx;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("contract §8 Inspection: links, monitors and pending timers (ServerRef.relations)")
class S8RelationsTest extends ConformanceTest {

    /** A message a timer sends. */
    record Tick() {
    }

    private ServerRef start(String name) {
        return startRecorder(rt, new Events(), StartOptions.named(name));
    }

    private static Object run(ServerRef ref, Function<ServerContext, Object> action) {
        return ref.call(new WithCtx(action), LONG);
    }

    @Test
    @DisplayName("a link appears on both sides and is gone after unlink")
    void links() {
        ServerRef a = start("a");
        ServerRef b = start("b");
        run(a, ctx -> {
            ctx.link(b);
            return null;
        });

        assertThat(a.relations().links()).containsExactly(b);
        assertThat(b.relations().links()).containsExactly(a);

        run(b, ctx -> {
            ctx.unlink(a);
            return null;
        });
        assertThat(a.relations().links()).isEmpty();
        assertThat(b.relations().links()).isEmpty();
    }

    @Test
    @DisplayName("a monitor appears as monitors on the watcher and monitoredBy on the target, gone after demonitor")
    void monitors() {
        ServerRef watcher = start("watcher");
        ServerRef target = start("target");
        MonitorRef ref = (MonitorRef) run(watcher, ctx -> ctx.monitor(target));

        assertThat(watcher.relations().monitors()).containsExactly(target);
        assertThat(watcher.relations().monitoredBy()).isEmpty();
        assertThat(target.relations().monitoredBy()).containsExactly(watcher);
        assertThat(target.relations().monitors()).isEmpty();

        run(watcher, ctx -> ctx.demonitor(ref, true));
        assertThat(watcher.relations().monitors()).isEmpty();
        assertThat(target.relations().monitoredBy()).isEmpty();
    }

    @Test
    @DisplayName("a pending timer appears with its message type and time left; gone once cancelled")
    void cancelledTimer() {
        ServerRef a = start("a");
        TimerRef timer = (TimerRef) run(a, ctx -> ctx.sendAfter(new Tick(), Duration.ofHours(1)));

        ProcessRelations relations = a.relations();
        assertThat(relations.timers()).singleElement().satisfies(t -> {
            assertThat(t.messageType()).isEqualTo(Tick.class.getName());
            assertThat(t.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
        });

        assertThat(timer.cancel()).isPresent();
        assertThat(a.relations().timers()).isEmpty();
    }

    @Test
    @DisplayName("a timer is gone from the pending ones once it fired")
    void firedTimer() {
        Events ev = new Events();
        ServerRef a = startRecorder(rt, ev, StartOptions.named("a"));
        run(a, ctx -> ctx.sendAfter(new Tick(), Duration.ofMillis(20)));

        eventually().until(() -> ev.infos.contains(new Tick()));
        assertThat(a.relations().timers()).isEmpty();
    }

    @Test
    @DisplayName("a server with no instance alive has no relations")
    void stopped() {
        ServerRef a = start("a");
        ServerRef b = start("b");
        run(a, ctx -> {
            ctx.trapExits(true);
            ctx.link(b);
            return null;
        });
        b.stop(ExitReason.NORMAL, LONG);

        assertThat(b.relations()).isEqualTo(ProcessRelations.NONE);
        eventually().until(() -> a.relations().links().isEmpty());
    }
}
