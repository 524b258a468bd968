package dev.genserver.process;

import org.jspecify.annotations.Nullable;

/**
 * A caller waiting for a reply (OTP's {@code from}). A call handler may return
 * {@link Result#noReply} and keep this handle to answer later, from any thread:
 *
 * <pre>{@code
 * public Result<State> handleCall(Object request, ReplyTo from, State state) {
 *     httpClient.sendAsync(...).whenComplete((body, error) -> {
 *         if (error == null) from.reply(body); else from.fail(error);
 *     });
 *     return Result.noReply(state);
 * }
 * }</pre>
 *
 * A handle completes once; later replies are ignored. Replying to a caller that has given up is a
 * no-op. If the server exits while a deferred reply is outstanding, the caller gets a
 * {@link ServerStoppedException} at once.
 */
public interface ReplyTo {

    /**
     * Sends the reply.
     *
     * @param value the reply
     * @return true if this completed the call; false if it was already answered or abandoned
     */
    boolean reply(@Nullable Object value);

    /**
     * Answers the caller with an exception, wrapped in a {@link CallFailedException}.
     *
     * @param error what went wrong
     * @return true if this completed the call
     */
    boolean fail(Throwable error);

    /**
     * Tells whether the caller is still waiting.
     *
     * @return true when neither answered nor abandoned
     */
    boolean isPending();
}
