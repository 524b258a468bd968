package dev.genserver.process;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of the links, monitors and pending timers of a server's current instance (what
 * OTP's {@code process_info(Pid, [links, monitors, monitored_by])} shows, plus its timers), read
 * without sending the server a message. See {@link ServerRef#relations()}.
 *
 * @param links the servers linked to the current instance
 * @param monitors the servers the current instance monitors (one entry per monitor, so a server
 *                 monitored twice appears twice)
 * @param monitoredBy the servers monitoring the current instance (one entry per monitor)
 * @param timers the timers the current instance set with {@link ServerContext#sendAfter} that
 *               have neither fired nor been cancelled
 */
public record ProcessRelations(List<ServerRef> links, List<ServerRef> monitors, List<ServerRef> monitoredBy,
                               List<PendingTimer> timers) {

    /** The relations of a server with no instance alive. */
    public static final ProcessRelations NONE = new ProcessRelations(List.of(), List.of(), List.of(), List.of());

    /** Copies the lists, which are then unmodifiable. */
    public ProcessRelations {
        links = List.copyOf(links);
        monitors = List.copyOf(monitors);
        monitoredBy = List.copyOf(monitoredBy);
        timers = List.copyOf(timers);
    }

    /**
     * A timer set with {@link ServerContext#sendAfter} that has not fired yet.
     *
     * @param messageType the class name of the message the timer will send
     * @param remaining the time left before it fires, when the snapshot was taken
     */
    public record PendingTimer(String messageType, Duration remaining) {

        /** Checks that both parts are present. */
        public PendingTimer {
            Objects.requireNonNull(messageType, "messageType");
            Objects.requireNonNull(remaining, "remaining");
        }
    }
}
