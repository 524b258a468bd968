package dev.genserver.spring.support;

import dev.genserver.spring.InternalApi;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hands the fencing token of a cluster singleton's incarnation to the server its factory builds
 * ({@link dev.genserver.spring.GenServerContext#fencingToken()}): a placement (genserver-cluster)
 * builds the instance inside {@link #building}, and the {@link BeanGenServer} created there keeps
 * the token.
 */
@InternalApi
public final class IncarnationTokens {

    private static final ThreadLocal<Long> BUILDING = new ThreadLocal<>();

    private IncarnationTokens() {
    }

    /**
     * Runs a server factory whose server is the incarnation with {@code token}.
     *
     * @param token the incarnation's fencing token
     * @param factory builds the server (on this thread)
     * @param <T> the server's type
     * @return what the factory built
     */
    public static <T> T building(long token, Supplier<T> factory) {
        Objects.requireNonNull(factory, "factory");
        Long before = BUILDING.get();
        BUILDING.set(token);
        try {
            return factory.get();
        } finally {
            if (before == null) {
                BUILDING.remove();
            } else {
                BUILDING.set(before);
            }
        }
    }

    /** The token of the incarnation being built on this thread, or null. */
    static Long current() {
        return BUILDING.get();
    }
}
