package dev.genserver.cluster.autoconfigure;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import dev.genserver.cluster.ClusterNode;
import dev.genserver.cluster.ClusterRef;
import dev.genserver.process.ExitReason;
import dev.genserver.process.ProcessRelations;
import dev.genserver.process.ServerInfo;
import dev.genserver.process.ServerRef;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ServerRef} on a clustered server (a singleton, or one key of a sharded server): calls,
 * casts and sends go through the {@link ClusterNode} to whatever member runs it (contract
 * §17.9). Process operations (stop, state, info, suspend) act on the instance when it runs on
 * this member; elsewhere they throw, naming the member that runs it.
 */
final class ClusterServerRef implements ServerRef {

    /** ClusterNode measures deadlines in nanoseconds: "infinity" is capped to this. */
    private static final Duration LONGEST = Duration.ofDays(365);

    private final ClusterNode node;
    private final ClusterRef target;
    private final String name;
    private final @Nullable String key;

    ClusterServerRef(ClusterNode node, String name, @Nullable String key) {
        this.node = node;
        this.name = name;
        this.key = key;
        this.target = key == null ? node.singleton(name) : node.shard(name, key);
    }

    @Override
    public long id() {
        return local().map(ServerRef::id).orElse(0L);
    }

    @Override
    public Optional<String> name() {
        return Optional.of(displayName());
    }

    @Override
    public String displayName() {
        return target.displayName();
    }

    @Override
    public <R> R call(Object request) {
        return target.call(request);
    }

    @Override
    public <R> R call(Object request, Duration timeout) {
        return target.call(request, cap(timeout));
    }

    @Override
    public <R> CompletableFuture<R> callAsync(Object request) {
        return target.callAsync(request, node.options().callTimeout());
    }

    @Override
    public <R> CompletableFuture<R> callAsync(Object request, Duration timeout) {
        return target.callAsync(request, cap(timeout));
    }

    @Override
    public void cast(Object message) {
        target.cast(message);
    }

    @Override
    public void send(Object message) {
        target.send(message);
    }

    @Override
    public void stop() {
        here("stop").stop();
    }

    @Override
    public void stop(ExitReason reason, Duration timeout) {
        here("stop").stop(reason, timeout);
    }

    /** While some member runs it (or will start it at the next message: a sharded key with an owner). */
    @Override
    public boolean isAlive() {
        return target.owner() != null;
    }

    @Override
    public CompletableFuture<ExitReason> onExit() {
        return here("onExit").onExit();
    }

    @Override
    public ServerInfo info() {
        return here("info").info();
    }

    @Override
    public ProcessRelations relations() {
        return here("relations").relations();
    }

    @Override
    public <S> S getState() {
        return here("getState").getState();
    }

    @Override
    public Optional<Object> getFormattedState() {
        return here("getFormattedState").getFormattedState();
    }

    @Override
    public <S> S replaceState(UnaryOperator<S> update) {
        return here("replaceState").replaceState(update);
    }

    @Override
    public void suspend() {
        here("suspend").suspend();
    }

    @Override
    public void resume() {
        here("resume").resume();
    }

    private Optional<ServerRef> local() {
        return node.localInstance(name, key);
    }

    private ServerRef here(String operation) {
        return local().orElseThrow(() -> new UnsupportedOperationException(operation + " of " + displayName()
                + ": it runs on member " + Optional.ofNullable(target.owner()).orElse("(none now)")
                + ", not on this one (" + node.member() + "); a clustered server is reached by messages from "
                + "other members, and its process operations are available on the member that runs it"));
    }

    private static Duration cap(Duration timeout) {
        return timeout.compareTo(LONGEST) > 0 ? LONGEST : timeout;
    }

    @Override
    public String toString() {
        return "ClusterServerRef[" + displayName() + "]";
    }
}
