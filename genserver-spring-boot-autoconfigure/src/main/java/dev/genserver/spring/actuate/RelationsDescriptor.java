package dev.genserver.spring.actuate;

import dev.genserver.process.ProcessRelations;
import dev.genserver.process.ServerRef;
import java.util.List;

/**
 * The links, monitors and pending timers of a server's current instance, by name only (see
 * {@link ServerRef#relations()}).
 *
 * @param links the names of the servers linked to it
 * @param monitors the names of the servers it monitors
 * @param monitoredBy the names of the servers monitoring it
 * @param timers the timers it set with {@code sendAfter} that have not fired yet
 */
public record RelationsDescriptor(List<String> links, List<String> monitors, List<String> monitoredBy,
                                  List<TimerDescriptor> timers) {

    /**
     * Describes a server's relations.
     *
     * @param relations what {@link ServerRef#relations()} read
     * @return the descriptor
     */
    public static RelationsDescriptor of(ProcessRelations relations) {
        return new RelationsDescriptor(names(relations.links()), names(relations.monitors()),
                names(relations.monitoredBy()),
                relations.timers().stream()
                        .map(t -> new TimerDescriptor(t.messageType(), t.remaining().toString())).toList());
    }

    private static List<String> names(List<ServerRef> refs) {
        return refs.stream().map(ServerRef::displayName).toList();
    }

    /**
     * A timer that has not fired yet.
     *
     * @param messageType the type of the message it will send
     * @param remaining the time left before it fires (ISO-8601)
     */
    public record TimerDescriptor(String messageType, String remaining) {
    }
}
