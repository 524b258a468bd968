package dev.genserver.state;

import dev.genserver.process.GenServer;
import dev.genserver.spring.GenServerDefinitionException;
import dev.genserver.spring.autoconfigure.GenServerInstanceDecorator;
import dev.genserver.spring.support.ServerDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * The durable servers of an application: decorates each fresh instance of a {@link Durable}
 * server so that its state is read from and written to the {@link StateStore}, keeps their
 * statistics (for Actuator), and offers what a hand-off needs. A bean in the context.
 *
 * <p><b>Hand-off and failover</b> (contract §16.8): a {@code ClusterNode} that gives up a
 * singleton or a key stops its instance in an orderly way, so terminate writes the latest state
 * before the stop returns, whatever the mode; the member that takes it over starts it, and init
 * reads the state. A clustered {@code @GenServer}'s instances come from the same decorated factory
 * as local ones, so nothing cluster-specific is needed here. Without a stop (the old owner is
 * lost), the revision check protects the new owner: the old one, if it comes back as a zombie,
 * gets a {@link StateConflictException} at its next write and crashes instead of overwriting the
 * new owner's state. What the old owner had not written is lost (contract §16.4).
 */
public final class DurableStates implements GenServerInstanceDecorator, AutoCloseable {

    private final StateStore store;
    private final StateStoreObserver observer;
    private final Clock clock;
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final WriteBehind writeBehind;

    /**
     * Reads every {@link Durable} server among the definitions and checks its class.
     *
     * @param definitions the {@code @GenServer} beans
     * @param store where states are kept
     * @param mapper turns states into JSON and back
     * @param delays the write-behind delay of each durable server
     * @param observer told about every store operation
     * @param clock the time of each write, for Actuator
     * @throws GenServerDefinitionException listing every problem of every durable class
     */
    public DurableStates(Collection<ServerDefinition> definitions, StateStore store, ObjectMapper mapper,
                         Function<Durable, Duration> delays, StateStoreObserver observer, Clock clock) {
        this.store = store;
        this.observer = observer;
        this.clock = clock;
        List<String> problems = new ArrayList<>();
        for (ServerDefinition def : definitions) {
            Durable durable = def.serverClass().getAnnotation(Durable.class);
            if (durable == null) {
                continue;
            }
            StateModel model = StateModel.of(def.serverClass(), def.model().stateFields(), mapper, problems);
            Duration delay = durable.mode() == WriteMode.WRITE_BEHIND ? delays.apply(durable) : Duration.ZERO;
            if (durable.mode() == WriteMode.WRITE_BEHIND && (delay.isNegative() || delay.isZero())) {
                problems.add("@Durable(delay = \"" + durable.delay() + "\") on " + def.serverClass().getName()
                        + ": the write-behind delay must be positive");
            }
            if (model != null) {
                String storedAs = durable.name().isBlank() ? def.serverName() : durable.name();
                servers.put(def.serverName(), new Server(def.serverName(), storedAs, durable.mode(), delay, model));
            }
        }
        if (!problems.isEmpty()) {
            throw new GenServerDefinitionException(problems);
        }
        this.writeBehind = new WriteBehind(store);
    }

    @Override
    public GenServer<Object> decorate(Instance instance, GenServer<Object> server) {
        Server s = servers.get(instance.serverName());
        if (s == null) {
            return server;
        }
        return new DurableServer(server, s, s.key(instance.key()), instance.bean(), instance.name());
    }

    /**
     * Returns the store.
     *
     * @return the store every durable server uses
     */
    public StateStore store() {
        return store;
    }

    /**
     * Returns the statistics of every durable server, in declaration order.
     *
     * @return one entry per {@link Durable} server
     */
    public List<DurableServerStatus> servers() {
        return servers.values().stream().map(Server::status).toList();
    }

    /**
     * Returns the statistics of one durable server.
     *
     * @param serverName the server's name
     * @return its statistics, or empty when it is not durable
     */
    public Optional<DurableServerStatus> server(String serverName) {
        return Optional.ofNullable(servers.get(serverName)).map(Server::status);
    }

    /**
     * Reads what the store holds for a server (or one key of a keyed server) now.
     *
     * @param serverName the server's name
     * @param key the key of a keyed server, or null
     * @return the stored state, or empty when none was written
     * @throws IllegalArgumentException when the server is not durable
     * @throws StateStoreException when the store cannot be read
     */
    public Optional<StoredState> stored(String serverName, @Nullable Object key) {
        Server s = servers.get(serverName);
        if (s == null) {
            throw new IllegalArgumentException("no @Durable @GenServer is named " + serverName + "; durable servers: "
                    + servers.keySet());
        }
        return store.load(s.key(key));
    }

    /**
     * Takes a snapshot of a running write-behind instance's state (between two of its messages)
     * and writes it at once if it changed, with any snapshot still waiting; returns when it is
     * written (a write-through instance has nothing waiting). For a hand-off that keeps the
     * instance running, or a test.
     *
     * @param processName the instance's registered name ({@code cart[ann]}, or the server's name)
     * @return true when such an instance runs here
     * @throws DurableStateException when the write fails (the instance then crashes at its next
     *         message and reads the store again)
     */
    public boolean flush(String processName) {
        for (Server s : servers.values()) {
            DurableServer instance = s.instances.get(processName);
            if (instance != null) {
                instance.flushNow();
                return true;
            }
        }
        return false;
    }

    /** Stops the background writer; instances still running write nothing more in the background. */
    @Override
    public void close() {
        writeBehind.close();
    }

    // ---- one durable server -----------------------------------------------------------------

    /** One {@link Durable} server: its settings, model, live instances and statistics. */
    final class Server {
        final String name;
        final String storedAs;
        final WriteMode mode;
        final Duration delay;
        final StateModel model;
        final Map<String, DurableServer> instances = new ConcurrentHashMap<>();
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicLong loads = new AtomicLong();
        private final AtomicLong migrated = new AtomicLong();
        private final AtomicLong writes = new AtomicLong();
        private final AtomicLong conflicts = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private volatile Instant lastWrite;
        private volatile long lastRevision;
        private volatile Instant lastErrorAt;
        private volatile String lastError;

        Server(String name, String storedAs, WriteMode mode, Duration delay, StateModel model) {
            this.name = name;
            this.storedAs = storedAs;
            this.mode = mode;
            this.delay = delay;
            this.model = model;
        }

        StateKey key(@Nullable Object key) {
            return new StateKey(storedAs, key == null ? "" : key.toString());
        }

        StoredState load(StateKey key) {
            long start = System.nanoTime();
            try {
                StoredState s = store.load(key).orElse(null);
                observer.observed(storedAs, StateStoreObserver.Operation.LOAD, StateStoreObserver.Outcome.SUCCESS,
                        System.nanoTime() - start);
                loads.incrementAndGet();
                return s;
            } catch (RuntimeException e) {
                observer.observed(storedAs, StateStoreObserver.Operation.LOAD, StateStoreObserver.Outcome.FAILURE,
                        System.nanoTime() - start);
                StateStoreException failure = e instanceof StateStoreException se ? se
                        : new StateStoreException(key, "reading the state of " + key + " from " + store.describe()
                                + " failed: " + e + "; check that the store is reachable", e);
                error(failure);
                throw failure;
            }
        }

        long write(StateKey key, String json, long expected) {
            long start = System.nanoTime();
            long revision;
            try {
                revision = store.write(key, model.version, json, expected);
            } catch (RuntimeException e) {
                StateStoreException failure = e instanceof StateStoreException se ? se
                        : new StateStoreException(key, "writing the state of " + key + " to " + store.describe()
                                + " failed: " + e + "; check that the store is reachable", e);
                throw writeFailed(failure, System.nanoTime() - start);
            }
            written(revision, System.nanoTime() - start);
            return revision;
        }

        /** Records a successful write (alone, or in a write-behind batch that took {@code nanos}). */
        void written(long revision, long nanos) {
            observer.observed(storedAs, StateStoreObserver.Operation.WRITE, StateStoreObserver.Outcome.SUCCESS, nanos);
            writes.incrementAndGet();
            lastWrite = clock.instant();
            lastRevision = revision;
        }

        /** Records a refused or failed write and returns its exception. */
        StateStoreException writeFailed(StateStoreException failure, long nanos) {
            boolean conflict = failure instanceof StateConflictException;
            observer.observed(storedAs, StateStoreObserver.Operation.WRITE, conflict
                    ? StateStoreObserver.Outcome.CONFLICT : StateStoreObserver.Outcome.FAILURE, nanos);
            if (conflict) {
                conflicts.incrementAndGet();
            }
            error(failure);
            return failure;
        }

        String storeDescription() {
            return store.describe();
        }

        private void error(DurableStateException e) {
            if (!(e instanceof StateConflictException)) {
                failures.incrementAndGet();
            }
            lastErrorAt = clock.instant();
            lastError = e.getMessage();
        }

        void restored(int migrationSteps) {
            if (migrationSteps > 0) {
                migrated.incrementAndGet();
            }
        }

        void started(String processName, DurableServer instance) {
            instances.put(processName, instance);
        }

        void stopped(String processName, DurableServer instance) {
            instances.remove(processName, instance);
        }

        void pendingChanged(int delta) {
            pending.addAndGet(delta);
        }

        WriteBehind.@Nullable Round openWindow(DurableServer instance) {
            return writeBehind.open(instance, delay);
        }

        void ready(DurableServer instance, WriteBehind.Round round) {
            writeBehind.ready(instance, round);
        }

        DurableServerStatus status() {
            return new DurableServerStatus(name, storedAs, mode, mode == WriteMode.WRITE_BEHIND ? delay : null,
                    model.version, model.fieldNames(), instances.size(), pending.get(), loads.get(), migrated.get(),
                    writes.get(), lastWrite, lastWrite == null ? 0 : lastRevision, conflicts.get(), failures.get(),
                    lastError, lastErrorAt);
        }
    }
}
