package dev.genserver.benchmarks.ours;

import dev.genserver.benchmarks.ours.OursSupport.Counter;
import dev.genserver.benchmarks.ours.OursSupport.Increment;
import dev.genserver.process.AlreadyStartedException;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.registry.Registry;
import dev.genserver.supervisor.ChildSpec;
import dev.genserver.supervisor.DynamicSupervisor;
import dev.genserver.supervisor.DynamicSupervisorSpec;
import java.util.Optional;

/**
 * Keyed counters, the W9 workload's servers: one counter per key, started on first use under a
 * {@link DynamicSupervisor} and named through a {@link Registry} with unique keys (Elixir's
 * {@code DynamicSupervisor} + {@code {:via, Registry, key}} pattern). Used by
 * {@code OursKeyedBenchmark} (random access) and by the footprint spawner of the "W9 keyedHeap" row.
 *
 * <p>Keys are {@code Integer}s (see {@link #key(int)}).
 */
public final class KeyedCounters implements AutoCloseable {

    private final ProcessRuntime runtime;
    private final Registry registry;
    private final DynamicSupervisor supervisor;

    /** Creates a runtime, its registry and the dynamic supervisor of the keyed servers. */
    public KeyedCounters() {
        runtime = ProcessRuntime.create();
        registry = Registry.unique(runtime);
        supervisor = DynamicSupervisor.start(runtime, DynamicSupervisorSpec.defaults());
    }

    /**
     * The key object for a number ({@code Integer.valueOf}: a fresh box above 127, as a key
     * arriving with a request would be).
     *
     * @param i the number
     * @return the key
     */
    public static Object key(int i) {
        return Integer.valueOf(i);
    }

    /**
     * The server of a key, started under the supervisor if there is none yet (get-or-start; a
     * concurrent start under the same key is resolved by the registry, and the winner is used).
     *
     * @param key the key
     * @return the live server
     */
    public ServerRef server(Object key) {
        Optional<ServerRef> found = registry.whereis(key);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            return supervisor.startChild(ChildSpec.worker("counter", Counter::new).withStarter(registry.via(key)))
                    .ref();
        } catch (AlreadyStartedException raced) {
            return registry.whereis(key).orElseThrow(() -> raced);
        }
    }

    /**
     * One {@code Increment} call to the server of a key, starting it if needed.
     *
     * @param key the key
     * @return the server's new value
     */
    public long increment(Object key) {
        Long value = server(key).call(Increment.INSTANCE);
        return value;
    }

    /**
     * The number of live keyed servers.
     *
     * @return the registry's entry count
     */
    public int count() {
        return registry.count();
    }

    /**
     * Stops the supervisor (which stops every keyed server), then closes the runtime. Closing the
     * runtime alone would stop the children before their supervisor, which would take their exits
     * for crashes and try to restart them.
     */
    @Override
    public void close() {
        try {
            supervisor.stop();
        } finally {
            runtime.close();
        }
    }
}
