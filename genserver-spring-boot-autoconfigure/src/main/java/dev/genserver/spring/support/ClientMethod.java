package dev.genserver.spring.support;

import java.lang.reflect.Method;
import java.time.Duration;

/**
 * How one method of a client interface reaches its server.
 *
 * @param method the interface method
 * @param kind call, cast, async call, or local (a default method the server does not override,
 *             which runs in the caller)
 * @param implementation the server's method that answers it, or null when local
 * @param timeout the call timeout from {@link dev.genserver.spring.annotation.CallTimeout}, or
 *                null for the server's default
 */
record ClientMethod(Method method, Kind kind, Method implementation, Duration timeout) {

    /** How a client interface method is delivered. */
    public enum Kind {
        /** A call: the caller waits for the return value. */
        CALL,
        /** A cast: {@code void}, the caller returns at once. */
        CAST,
        /** An async call: the method returns a {@code CompletableFuture} or {@code CompletionStage}. */
        ASYNC,
        /** A default method not overridden by the server: runs in the caller. */
        LOCAL
    }

    /**
     * Describes the method for messages: {@code CartApi.add(Item)}.
     *
     * @return the description
     */
    public String describe() {
        return MethodInvocation.describe(method);
    }
}
