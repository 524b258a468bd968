package dev.genserver.process;

/**
 * Info message to a monitoring server: the monitored server exited.
 *
 * @param monitor the monitor that fired
 * @param server the server that exited
 * @param reason its exit reason, or {@link ExitReason#NOPROC} if it was not alive when monitored
 */
public record Down(MonitorRef monitor, ServerRef server, ExitReason reason) {
}
