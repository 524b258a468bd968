package dev.genserver.process;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The last crash of a server: when, why, and which message it was handling.
 *
 * @param time when the server crashed
 * @param reason the exit reason
 * @param exceptionType the exception's class name; absent when the reason was not an exception
 * @param exceptionMessage the exception's message, if it had one
 * @param messageType the class name of the message being handled; absent when none was (for example in init)
 */
public record CrashReport(Instant time, ExitReason reason, @Nullable String exceptionType,
                          @Nullable String exceptionMessage, @Nullable String messageType) {

    static CrashReport of(ExitReason reason, @Nullable Object message) {
        Throwable t = reason instanceof ExitReason.Crash c ? c.cause() : null;
        return new CrashReport(Instant.now(), reason,
                t == null ? null : t.getClass().getName(),
                t == null ? null : t.getMessage(),
                message == null ? null : GenServerException.typeOf(message));
    }
}
