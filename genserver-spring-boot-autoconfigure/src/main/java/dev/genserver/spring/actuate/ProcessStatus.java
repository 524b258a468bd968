package dev.genserver.spring.actuate;

import dev.genserver.process.ServerStatus;
import java.util.Locale;

/** The status names the descriptors use: the core's in lower case. */
final class ProcessStatus {

    static final String RESTARTING = "restarting";
    static final String STOPPED = "stopped";
    static final String FAILED = "failed";

    private ProcessStatus() {
    }

    static String of(ServerStatus status) {
        return lower(status);
    }

    static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
