package dev.genserver.spring.support;

import dev.genserver.spring.InternalApi;

/**
 * A call every {@link dev.genserver.spring.annotation.GenServer} answers at once with
 * {@code null}: when the reply arrives, every message queued before it has been handled. Used by
 * test support to wait until a server is idle.
 */
@InternalApi
public enum Barrier {
    /** The single instance. */
    INSTANCE
}
