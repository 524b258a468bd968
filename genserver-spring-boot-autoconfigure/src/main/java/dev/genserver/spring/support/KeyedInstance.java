package dev.genserver.spring.support;

import dev.genserver.process.GenServer;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import dev.genserver.registry.Registry;
import dev.genserver.supervisor.ChildFactory;
import dev.genserver.supervisor.ChildStarter;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one object a keyed instance's child spec holds of its own, as both its factory and its
 * starter: it builds the instance's server for every start and restart (through the keyed
 * server's shared factory) and starts it under its {@code name[key]} name, registered by key in
 * the keyed server's registry. Everything else in the spec (start options, shutdown) is shared by
 * every instance of the keyed server, so an idle instance keeps only this and the name.
 */
final class KeyedInstance implements ChildFactory, Supplier<GenServer<?>>, ChildStarter {

    private final BiFunction<String, Object, GenServer<?>> factory;
    private final Object key;
    private final String name;
    private final @Nullable Registry registry;

    /**
     * @param factory the keyed server's shared factory: name and key to a fresh server
     * @param key the instance's key
     * @param name its name, {@code server[key]}
     * @param registry where it registers by key, or null for its name alone
     */
    KeyedInstance(BiFunction<String, Object, GenServer<?>> factory, Object key, String name,
                  @Nullable Registry registry) {
        this.factory = factory;
        this.key = key;
        this.name = name;
        this.registry = registry;
    }

    @Override
    public GenServer<?> get() {
        return factory.apply(name, key);
    }

    /** The spec's factory: the spec has no arguments, the key is this instance's own. */
    @Override
    public GenServer<?> create(List<Object> args) {
        return get();
    }

    /**
     * Starts the server named {@code name[key]}, registered by key when there is a registry. The
     * server is built by this object itself rather than by {@code server} (the supervisor's wrapper
     * of this same factory), so that the running server keeps no wrapper of its own.
     */
    @Override
    public StartResult start(ProcessRuntime runtime, Supplier<? extends GenServer<?>> server, StartOptions options) {
        StartOptions named = options.withName(name);
        return registry == null ? runtime.start(this, named) : registry.start(key, this, named);
    }

    @Override
    public String toString() {
        return "KeyedInstance[" + name + "]";
    }
}
