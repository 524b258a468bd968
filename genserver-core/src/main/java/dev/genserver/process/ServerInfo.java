package dev.genserver.process;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a server's inspection data (OTP's {@code :sys.get_status} and statistics),
 * read without disturbing the server.
 *
 * @param id the server's unique id within its runtime
 * @param name the registered name; absent for an anonymous server
 * @param serverType the class name of the current (or last) server instance; absent before the first was built
 * @param status the life-cycle status
 * @param mailboxLength messages waiting in the mailbox (for an unbounded mailbox, counted when
 *                      this snapshot is taken, in time linear in the length, as Pekko counts)
 * @param messagesHandled messages handled since the server was first started (across restarts)
 * @param deadLetters casts and messages that could not be handled (no handler, dropped, or stopped)
 * @param skippedCalls calls skipped because their caller had already given up
 * @param restarts how many times the server was restarted
 * @param lastCrash the last crash; absent if the server never crashed
 * @param startedAt when the current instance started; absent when none is running
 * @param uptime how long the current instance has run, or {@link Duration#ZERO}
 * @param currentMessageType the class name of the message being handled now; absent when idle
 * @param currentMessageRunning how long the current message has been handled, or {@link Duration#ZERO}
 * @param hibernating whether the server is hibernating
 */
public record ServerInfo(long id, @Nullable String name, @Nullable String serverType, ServerStatus status,
                         int mailboxLength, long messagesHandled, long deadLetters, long skippedCalls, long restarts,
                         @Nullable CrashReport lastCrash, @Nullable Instant startedAt, Duration uptime,
                         @Nullable String currentMessageType,
                         Duration currentMessageRunning, boolean hibernating) {
}
