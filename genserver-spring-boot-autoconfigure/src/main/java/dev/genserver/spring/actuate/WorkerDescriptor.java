package dev.genserver.spring.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.genserver.process.CrashReport;
import dev.genserver.process.ServerInfo;

/**
 * A server: a plain server, or one instance of a keyed server.
 *
 * @param name the registered name ({@code cart[ann]} for a keyed instance)
 * @param type {@code worker}
 * @param className the server's class, or null when unknown
 * @param supervisor its supervisor, or null when not supervised
 * @param restart its restart type, or null when not supervised
 * @param status {@code starting}, {@code running}, {@code suspended}, {@code restarting}, {@code stopped} or {@code failed}
 * @param restarts restarts since the application started, by its supervisor or through the Actuator
 *                 (for a keyed instance: restarts of this instance)
 * @param crashes abnormal exits since the application started
 * @param lastCrash the latest crash, or null
 * @param mailbox messages waiting
 * @param messagesHandled messages handled by this process (across restarts)
 * @param deadLetters messages to it that were never handled
 * @param skippedCalls calls dropped because their caller had given up
 * @param startedAt when the current instance started (ISO-8601), or null
 * @param uptime how long the current instance has run (ISO-8601), or null
 * @param currentMessage the message being handled now, or null when idle
 * @param hibernating whether it is hibernating
 * @param state its state as its redaction hook shows it, or null when not read
 * @param relations its links, monitors and pending timers, or null when not read (shown in a
 *                  single server's detail only)
 * @param placement {@code singleton} or {@code sharded} for a server a cluster places (it runs
 *                  outside the supervision tree), else null
 * @param member the id of the cluster member that runs it, for a placed server, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerDescriptor(String name, String type, String className, String supervisor, String restart,
                               String status, long restarts, long crashes, CrashDescriptor lastCrash, int mailbox,
                               long messagesHandled, long deadLetters, long skippedCalls, String startedAt,
                               String uptime, CurrentMessageDescriptor currentMessage, boolean hibernating,
                               Object state, RelationsDescriptor relations, String placement, String member)
        implements ProcessDescriptor {

    /** The value of {@link #type()}. */
    public static final String TYPE = "worker";

    /**
     * Describes a server that has a process now.
     *
     * @param name its name
     * @param className its class
     * @param supervisor its supervisor, or null
     * @param restart its restart type, or null
     * @param info its inspection data
     * @param restarts its restarts
     * @param crashes its crashes
     * @param lastCrash its latest crash when {@code info} has none, or null
     * @return the descriptor, without state
     */
    public static WorkerDescriptor of(String name, String className, String supervisor, String restart,
                                      ServerInfo info, long restarts, long crashes, CrashReport lastCrash) {
        CrashReport crash = info.lastCrash() != null ? info.lastCrash() : lastCrash;
        CurrentMessageDescriptor current = info.currentMessageType() == null ? null
                : new CurrentMessageDescriptor(info.currentMessageType(), info.currentMessageRunning().toString());
        return new WorkerDescriptor(name, TYPE, className, supervisor, restart, ProcessStatus.of(info.status()),
                restarts, crashes, CrashDescriptor.of(crash), info.mailboxLength(), info.messagesHandled(),
                info.deadLetters(), info.skippedCalls(),
                info.startedAt() == null ? null : info.startedAt().toString(),
                info.startedAt() == null ? null : info.uptime().toString(), current, info.hibernating(), null,
                null, null, null);
    }

    /**
     * Describes a server that has no process now.
     *
     * @param name its name
     * @param className its class, or null
     * @param supervisor its supervisor, or null
     * @param restart its restart type, or null
     * @param status {@code restarting}, {@code stopped} or {@code failed}
     * @param restarts its restarts
     * @param crashes its crashes
     * @param lastCrash its latest crash, or null
     * @return the descriptor
     */
    public static WorkerDescriptor withoutProcess(String name, String className, String supervisor, String restart,
                                                  String status, long restarts, long crashes, CrashReport lastCrash) {
        return new WorkerDescriptor(name, TYPE, className, supervisor, restart, status, restarts, crashes,
                CrashDescriptor.of(lastCrash), 0, 0, 0, 0, null, null, null, false, null, null, null, null);
    }

    /**
     * Returns a copy showing {@code shown} as the state.
     *
     * @param shown the state to show
     * @return the copy
     */
    public WorkerDescriptor withState(Object shown) {
        return new WorkerDescriptor(name, type, className, supervisor, restart, status, restarts, crashes, lastCrash,
                mailbox, messagesHandled, deadLetters, skippedCalls, startedAt, uptime, currentMessage, hibernating,
                shown, relations, placement, member);
    }

    /**
     * Returns a copy showing {@code shown} as the links, monitors and pending timers.
     *
     * @param shown the relations to show, or null for none read
     * @return the copy
     */
    public WorkerDescriptor withRelations(RelationsDescriptor shown) {
        return new WorkerDescriptor(name, type, className, supervisor, restart, status, restarts, crashes, lastCrash,
                mailbox, messagesHandled, deadLetters, skippedCalls, startedAt, uptime, currentMessage, hibernating,
                state, shown, placement, member);
    }

    /**
     * Returns a copy of a server that a cluster places, run by {@code member}.
     *
     * @param placement {@code singleton} or {@code sharded}
     * @param member the id of the member that runs it
     * @return the copy
     */
    public WorkerDescriptor withPlacement(String placement, String member) {
        return new WorkerDescriptor(name, type, className, supervisor, restart, status, restarts, crashes, lastCrash,
                mailbox, messagesHandled, deadLetters, skippedCalls, startedAt, uptime, currentMessage, hibernating,
                state, relations, placement, member);
    }
}
