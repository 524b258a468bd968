package dev.genserver.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.supervisor.TestKit.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** contract §9: the restart intensity window and the backoff reset, on a ticker the test moves. */
class RestartBudgetTest {

    private final ManualTicker ticker = new ManualTicker();

    private static ChildRecord child() {
        return new ChildRecord(ChildSpec.worker("w", () -> {
            throw new AssertionError("never started here");
        }));
    }

    @Test
    void theWindowSlidesWithTheTicker() {
        RestartBudget budget = new RestartBudget(2, Duration.ofSeconds(5), Backoff.NONE, ticker);

        assertThat(budget.admit(budget.now())).isTrue();
        ticker.advance(Duration.ofSeconds(3));
        assertThat(budget.admit(budget.now())).isTrue();
        ticker.advance(Duration.ofSeconds(2)); // the first is exactly one period old: it still counts
        assertThat(budget.admit(budget.now())).isFalse();

        RestartBudget later = new RestartBudget(2, Duration.ofSeconds(5), Backoff.NONE, ticker);
        later.admit(later.now());
        later.admit(later.now());
        ticker.advance(Duration.ofSeconds(5).plusNanos(1)); // both leave the window
        assertThat(later.admit(later.now())).isTrue();
        assertThat(later.restarts()).isEqualTo(3);
        assertThat(budget.restarts()).isEqualTo(2); // the refused one is not a restart
    }

    @Test
    void theBackoffGrowsAndResetsOnlyAfterTheChildRanForResetAfter() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(10)).withJitter(0)
                .withResetAfter(Duration.ofMinutes(1));
        RestartBudget budget = new RestartBudget(100, Duration.ofSeconds(5), backoff, ticker);
        ChildRecord child = child();

        child.runningSince = budget.now(); // watched at time 0, the ticker's origin
        child.ran = true;
        assertThat(budget.delay(child, budget.now())).isEqualTo(Duration.ofMillis(100));
        // The restart attempt failed: the child never ran, so however long that took, no reset.
        ticker.advance(Duration.ofMinutes(5));
        assertThat(budget.delay(child, budget.now())).isEqualTo(Duration.ofMillis(200));

        child.runningSince = budget.now();
        child.ran = true;
        ticker.advance(Duration.ofSeconds(59));
        assertThat(budget.delay(child, budget.now())).isEqualTo(Duration.ofMillis(400)); // not quiet long enough

        child.runningSince = budget.now();
        child.ran = true;
        ticker.advance(Duration.ofMinutes(1));
        assertThat(budget.delay(child, budget.now())).isEqualTo(Duration.ofMillis(100)); // reset
    }

    @Test
    void withoutABackoffThereIsNoDelay() {
        RestartBudget budget = new RestartBudget(1, Duration.ofSeconds(5), Backoff.NONE, ticker);

        assertThat(budget.delay(child(), budget.now())).isZero();
        assertThat(budget.nextToken()).isEqualTo(1);
        assertThat(budget.nextToken()).isEqualTo(2);
    }
}
