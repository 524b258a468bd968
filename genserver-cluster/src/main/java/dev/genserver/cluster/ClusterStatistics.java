package dev.genserver.cluster;

import java.util.Map;

/**
 * Counters of a {@link ClusterNode} since it started: low-cardinality, for meters.
 *
 * @param remoteCalls calls by outcome: {@code ok}, {@code failed} (the handler threw, the server
 *        stopped or was missing), {@code node_down}, {@code timeout}, {@code unavailable}
 * @param handoffs instances stopped here because they moved (ownership moved, quorum lost, leave)
 * @param takeovers singleton incarnations started here after an earlier one elsewhere or here
 * @param deadLetters casts that could not be delivered, by reason: {@code node_down},
 *        {@code no_owner}, {@code no_server}, {@code undecodable}, {@code refused}, {@code closed}
 * @param retries messages sent again after a safe refusal (not the owner, no quorum, not delivered)
 */
public record ClusterStatistics(Map<String, Long> remoteCalls, long handoffs, long takeovers,
                                Map<String, Long> deadLetters, long retries) {
}
