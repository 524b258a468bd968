package dev.genserver.cluster;

import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

import dev.genserver.process.ExitReason;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ServerStoppedException;
import org.jspecify.annotations.Nullable;

/**
 * A call that raced with its instance's passivation (contract §17.3): the instance stopped itself
 * between two messages, and the calls queued behind that stop were rejected unhandled. Such a
 * rejection is turned into the {@link NoProcessException} of an instance that stopped before
 * handling the call, which its sender routes again (a fresh instance handles it): at most once
 * holds, since the rejected call never reached a handler.
 */
final class Passivations {

    private Passivations() {
    }

    /** Wraps {@code replies}: a rejection for {@code passivation} becomes a never-handled NoProcessException. */
    static BiConsumer<@Nullable Object, @Nullable Throwable> retrying(
            ExitReason passivation, BiConsumer<@Nullable Object, @Nullable Throwable> replies) {
        return (value, error) -> {
            Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
            if (cause instanceof ServerStoppedException stopped && passivation.equals(stopped.reason())) {
                replies.accept(null, new NoProcessException(stopped.server(),
                        java.util.Objects.requireNonNullElse(stopped.messageType(), "call"),
                        "it passivated before handling the call"));
            } else {
                replies.accept(value, error);
            }
        };
    }
}
