package dev.genserver.spring;

import dev.genserver.process.ExitReason;
import dev.genserver.process.MonitorRef;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.TimerRef;
import java.time.Duration;

/**
 * What a handler of a {@link dev.genserver.spring.annotation.GenServer} can do besides changing
 * its fields: know itself, schedule messages, link and monitor, and decide what happens after
 * the current callback (stop, continue, inactivity timeout, hibernate). Declare it as a
 * parameter of any handler or hook; one context lives as long as one server instance.
 *
 * <pre>{@code
 * @HandleCall
 * Receipt checkout(Checkout request, GenServerContext ctx) {
 *     Receipt receipt = payments.charge(items);
 *     ctx.stop(ExitReason.NORMAL);          // reply, run terminate, exit
 *     return receipt;
 * }
 *
 * @HandleInfo
 * void idle(InactivityTimeout timeout, GenServerContext ctx) {
 *     ctx.hibernate();
 * }
 * }</pre>
 *
 * <p>The methods that decide what happens next ({@link #stop}, {@link #continueWith},
 * {@link #timeout}, {@link #hibernate}, {@link #ignore}) apply to the callback that is running and
 * may only be called from it, on the server's own thread; the last call wins. The others may be
 * called from anywhere.
 */
public interface GenServerContext {

    /**
     * Returns this server's reference.
     *
     * @return self
     */
    ServerRef self();

    /**
     * Returns the server's registered name (for a keyed server: its name in the registry).
     *
     * @return the name
     */
    String name();

    /**
     * Returns the key of a keyed server instance.
     *
     * @param <K> the key type
     * @return the key, or null when the server is not keyed
     */
    <K> K key();

    /**
     * Returns the fencing token of this incarnation of a cluster singleton (a
     * {@code @Clustered(SINGLETON)} server with clustering on; contract §17.5): greater than the
     * token of every earlier incarnation, so a downstream store that remembers the highest token
     * it has seen and rejects a write with a lower one fences out a stale incarnation (a paused
     * former host). Pass it along with every write that must be fenced.
     *
     * @return the token, or empty when this server is not a cluster singleton
     */
    default java.util.OptionalLong fencingToken() {
        return java.util.OptionalLong.empty();
    }

    /**
     * Returns the runtime the server runs in.
     *
     * @return the runtime
     */
    ProcessRuntime runtime();

    /**
     * Sends {@code message} to this server's {@link dev.genserver.spring.annotation.HandleInfo}
     * handler after {@code delay}.
     *
     * @param message the message
     * @param delay the delay
     * @return the timer, which can be cancelled
     */
    TimerRef sendAfter(Object message, Duration delay);

    /**
     * Sends {@code message} to another server's info handler after {@code delay}.
     *
     * @param to the recipient
     * @param message the message
     * @param delay the delay
     * @return the timer
     */
    TimerRef sendAfter(ServerRef to, Object message, Duration delay);

    /**
     * Stops the server with reason {@code normal} once the current callback returns: a call's
     * return value is replied after terminate has run.
     */
    void stop();

    /**
     * Stops the server with {@code reason} once the current callback returns (in
     * {@link dev.genserver.spring.annotation.OnInit}: the start fails with that reason).
     *
     * @param reason the exit reason
     */
    void stop(ExitReason reason);

    /**
     * Runs the {@link dev.genserver.spring.annotation.OnContinue} handler for
     * {@code argument}'s type right after the current callback, before any queued message (and,
     * for a call, after the reply).
     *
     * @param argument the argument
     */
    void continueWith(Object argument);

    /**
     * Delivers {@link dev.genserver.process.InactivityTimeout} to the info handler if no message
     * arrives within {@code after} of the current callback.
     *
     * @param after the idle time
     */
    void timeout(Duration after);

    /** Releases what the idle server holds until the next message. */
    void hibernate();

    /**
     * In {@link dev.genserver.spring.annotation.OnInit} only: do not run, and that is not an
     * error (OTP's {@code :ignore}).
     */
    void ignore();

    /**
     * Links this server to {@code other} (see {@link dev.genserver.process.ServerContext#link}).
     *
     * @param other the server
     */
    void link(ServerRef other);

    /**
     * Removes a link.
     *
     * @param other the server
     */
    void unlink(ServerRef other);

    /**
     * Monitors {@code other}: a {@link dev.genserver.process.Down} info message arrives when it
     * exits.
     *
     * @param other the server
     * @return the monitor
     */
    MonitorRef monitor(ServerRef other);

    /**
     * Stops monitoring.
     *
     * @param monitor the monitor
     * @param flush also drop a {@code Down} of this monitor already queued
     * @return true if the monitor was still active
     */
    boolean demonitor(MonitorRef monitor, boolean flush);

    /**
     * Sets whether exit signals from links arrive as {@link dev.genserver.process.ExitSignal}
     * info messages instead of stopping this server.
     *
     * @param trap true to trap exits
     */
    void trapExits(boolean trap);
}
