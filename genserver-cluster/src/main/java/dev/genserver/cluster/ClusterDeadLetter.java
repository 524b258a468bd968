package dev.genserver.cluster;

/**
 * A cast the cluster could not deliver (contract §17.3).
 *
 * @param server the target's display name ({@code name} or {@code name[key]})
 * @param message the message
 * @param reason why: {@code node_down}, {@code no_owner}, {@code no_server}, {@code undecodable},
 *        {@code refused} or {@code closed}
 */
public record ClusterDeadLetter(String server, Object message, String reason) {
}
