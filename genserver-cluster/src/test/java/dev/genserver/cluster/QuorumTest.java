package dev.genserver.cluster;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keep-majority over a baseline (contract §17.6). */
class QuorumTest {

    private static final long STABLE = 1_000;

    @Test
    void aStrictMajorityOfTheBaselineKeepsQuorum() {
        Quorum q = new Quorum(QuorumStrategy.KEEP_MAJORITY, STABLE);
        assertThat(q.evaluate(List.of("a", "b", "c"), Set.of(), 0)).isTrue();
        assertThat(q.evaluate(List.of("a", "b"), Set.of(), 10)).isTrue();
        Quorum minority = new Quorum(QuorumStrategy.KEEP_MAJORITY, STABLE);
        minority.evaluate(List.of("a", "b", "c"), Set.of(), 0);
        assertThat(minority.evaluate(List.of("c"), Set.of(), 10)).isFalse();
        // the minority never shrinks its baseline: still no quorum long after
        assertThat(minority.evaluate(List.of("c"), Set.of(), 10 + 10 * STABLE)).isFalse();
        assertThat(minority.present()).isFalse();
    }

    @Test
    void aStableMajorityCountsTheGoneOutSoTheNextCrashLeavesAMajority() {
        Quorum q = new Quorum(QuorumStrategy.KEEP_MAJORITY, STABLE);
        q.evaluate(List.of("a", "b", "c"), Set.of(), 0);
        assertThat(q.evaluate(List.of("a", "b"), Set.of(), 10)).isTrue();
        assertThat(q.baseline()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(q.evaluate(List.of("a", "b"), Set.of(), 10 + STABLE)).isTrue();
        assertThat(q.baseline()).containsExactlyInAnyOrder("a", "b");
        // 1 of 2 is no majority
        assertThat(q.evaluate(List.of("a"), Set.of(), 20 + STABLE)).isFalse();
    }

    @Test
    void aGracefulLeaveLeavesTheBaselineAtOnce() {
        Quorum q = new Quorum(QuorumStrategy.KEEP_MAJORITY, STABLE);
        q.evaluate(List.of("a", "b", "c"), Set.of(), 0);
        assertThat(q.evaluate(List.of("a", "b"), Set.of("c"), 1)).isTrue();
        assertThat(q.evaluate(List.of("a"), Set.of("b"), 2)).isTrue();
        assertThat(q.baseline()).containsExactly("a");
    }

    @Test
    void autoKeepsBothSidesOfTwoMembersAndIsMajorityFromThree() {
        Quorum two = new Quorum(QuorumStrategy.AUTO, STABLE);
        two.evaluate(List.of("a", "b"), Set.of(), 0);
        assertThat(two.evaluate(List.of("b"), Set.of(), 1)).isTrue();
        Quorum three = new Quorum(QuorumStrategy.AUTO, STABLE);
        three.evaluate(List.of("a", "b", "c"), Set.of(), 0);
        assertThat(three.evaluate(List.of("c"), Set.of(), 1)).isFalse();
        Quorum off = new Quorum(QuorumStrategy.OFF, STABLE);
        off.evaluate(List.of("a", "b", "c"), Set.of(), 0);
        assertThat(off.evaluate(List.of("c"), Set.of(), 1)).isTrue();
    }
}
