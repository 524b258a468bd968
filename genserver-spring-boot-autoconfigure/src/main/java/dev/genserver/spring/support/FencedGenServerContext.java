package dev.genserver.spring.support;

import dev.genserver.process.ServerContext;
import java.util.OptionalLong;

/** The context of a cluster singleton's incarnation: knows its fencing token (a subclass, so other servers' contexts do not grow). */
final class FencedGenServerContext extends DefaultGenServerContext {

    private final long fencingToken;

    FencedGenServerContext(ServerContext core, String name, Object key, long fencingToken) {
        super(core, name, key);
        this.fencingToken = fencingToken;
    }

    @Override
    public OptionalLong fencingToken() {
        return OptionalLong.of(fencingToken);
    }
}
