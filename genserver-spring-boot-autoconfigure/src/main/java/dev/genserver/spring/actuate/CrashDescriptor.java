package dev.genserver.spring.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.genserver.process.CrashReport;

/**
 * A crash.
 *
 * @param time when (ISO-8601)
 * @param reason the exit reason
 * @param exceptionType the exception's class, or null
 * @param exceptionMessage the exception's message, or null
 * @param messageType the type of the message being handled, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrashDescriptor(String time, String reason, String exceptionType, String exceptionMessage,
                              String messageType) {

    /**
     * Describes a crash report.
     *
     * @param report the report, or null
     * @return the descriptor, or null when {@code report} is
     */
    public static CrashDescriptor of(CrashReport report) {
        return report == null ? null : new CrashDescriptor(report.time().toString(), String.valueOf(report.reason()),
                report.exceptionType(), report.exceptionMessage(), report.messageType());
    }
}
