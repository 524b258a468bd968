package dev.genserver.cluster;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keep-majority over a baseline (contract §17.6): the members seen, less those that left
 * gracefully, less those absent for longer than stable-after while this side had quorum. Only
 * used from the node's control thread.
 */
final class Quorum {

    private final QuorumStrategy strategy;
    private final long stableAfterNanos;
    private final Set<String> baseline = new LinkedHashSet<>();
    /** Baseline members currently absent, with the time they were first seen absent. */
    private final Map<String, Long> absentSince = new HashMap<>();
    private volatile boolean present = true;
    private volatile Set<String> snapshot = Set.of();

    Quorum(QuorumStrategy strategy, long stableAfterNanos) {
        this.strategy = strategy;
        this.stableAfterNanos = stableAfterNanos;
    }

    /** Re-evaluates with the current members and the members that announced a graceful leave. */
    boolean evaluate(Collection<String> members, Collection<String> leaving, long now) {
        baseline.addAll(members);
        baseline.removeAll(leaving);
        absentSince.keySet().retainAll(baseline);
        for (String m : baseline) {
            if (members.contains(m)) {
                absentSince.remove(m);
            } else {
                absentSince.putIfAbsent(m, now);
            }
        }
        boolean has = check(members);
        if (has) {
            // a stable majority counts the long-gone out, so that the next failure still leaves a majority
            absentSince.entrySet().removeIf(e -> {
                if (now - e.getValue() >= stableAfterNanos) {
                    baseline.remove(e.getKey());
                    return true;
                }
                return false;
            });
        }
        present = has;
        snapshot = Set.copyOf(baseline);
        return has;
    }

    private boolean check(Collection<String> members) {
        if (strategy == QuorumStrategy.OFF || (strategy == QuorumStrategy.AUTO && baseline.size() <= 2)) {
            return true;
        }
        long in = baseline.stream().filter(members::contains).count();
        return in * 2 > baseline.size();
    }

    /** The last evaluation: readable from any thread. */
    boolean present() {
        return present;
    }

    /** The baseline of the last evaluation: readable from any thread. */
    Set<String> baseline() {
        return snapshot;
    }
}
