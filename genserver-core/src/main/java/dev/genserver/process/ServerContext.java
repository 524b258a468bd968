package dev.genserver.process;

import java.time.Duration;

/**
 * What a running server can do besides handling messages: know itself, schedule messages, and
 * link to or monitor other servers. Handed to {@link GenServer#init}; valid for the lifetime of
 * that server instance.
 */
public interface ServerContext {

    /**
     * Returns this server's reference.
     *
     * @return self
     */
    ServerRef self();

    /**
     * Returns the runtime this server runs in.
     *
     * @return the runtime
     */
    ProcessRuntime runtime();

    /**
     * Sends {@code message} to this server's {@code handleInfo} after {@code delay}.
     *
     * @param message the message
     * @param delay the delay
     * @return the timer, which can be cancelled
     */
    TimerRef sendAfter(Object message, Duration delay);

    /**
     * Creates a bidirectional link with {@code other}: when either exits abnormally, the other
     * exits with the same reason, unless it traps exits, in which case it receives an
     * {@link ExitSignal}. Linking to a server that is not alive delivers
     * {@code ExitSignal(other, NOPROC)} at once if this server traps exits, and throws otherwise.
     *
     * @param other the server to link to
     * @throws NoProcessException when {@code other} is not alive and this server does not trap exits
     */
    void link(ServerRef other);

    /**
     * Removes a link; no exit signal from {@code other} arrives afterwards.
     *
     * @param other the linked server
     */
    void unlink(ServerRef other);

    /**
     * Watches {@code other}: when it exits, this server receives a {@link Down} info message
     * (at once, with {@link ExitReason#NOPROC}, if it is not alive).
     *
     * @param other the server to watch
     * @return the monitor reference
     */
    MonitorRef monitor(ServerRef other);

    /**
     * Stops watching.
     *
     * @param monitor the monitor
     * @param flush also remove a {@link Down} of this monitor already in the mailbox
     * @return true if the monitor was still active
     */
    boolean demonitor(MonitorRef monitor, boolean flush);

    /**
     * Sets whether exit signals from links become {@link ExitSignal} messages instead of
     * stopping this server. {@link ExitReason#KILL} is never trapped.
     *
     * @param trap true to trap exits
     */
    void trapExits(boolean trap);
}
