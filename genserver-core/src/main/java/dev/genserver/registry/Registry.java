package dev.genserver.registry;

import dev.genserver.process.AlreadyStartedException;
import dev.genserver.process.ExitReason;
import dev.genserver.process.GenServer;
import dev.genserver.process.NoProcessException;
import dev.genserver.process.ProcessListener;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.process.StartResult;
import dev.genserver.supervisor.ChildStarter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A local, key-value process registry (Elixir's {@code Registry}): servers register under keys
 * of any type, with a value, and are found, enumerated and messaged by key.
 *
 * <h2>The model</h2>
 *
 * <p>A registry has either {@link Keys#UNIQUE unique} keys (at most one server per key: naming,
 * "the cart of user 42") or {@link Keys#DUPLICATE duplicate} keys (any number of servers per key:
 * topics, local publish/subscribe). Each entry is a server and a value; an entry belongs to the
 * server instance that registered it and <b>disappears when that instance exits</b>, so
 * registering the key again right after a death succeeds. A restarted server registers again
 * from its init, as in OTP.
 *
 * <pre>{@code
 * Registry topics = Registry.duplicate(runtime);
 *
 * // in a subscriber's init:
 * topics.register(ctx.self(), "prices", Filter.ALL);
 *
 * // anywhere: publish to every subscriber (nobody is called when there is none)
 * topics.dispatch("prices", entries -> entries.forEach(e -> e.ref().send(new Price(42))));
 * }</pre>
 *
 * <p><b>Naming servers through a registry</b> (OTP's {@code {:via, Registry, key}}). In a registry
 * with unique keys, {@link #start(Object, Supplier, StartOptions)} starts a server registered
 * under a key, atomically (a second start under a live key fails with
 * {@link AlreadyStartedException}), and {@link #via(Object)} does the same for a supervised child.
 * Such a name belongs to the server, not to one of its instances: it is kept while a supervisor
 * restarts the server (whose mailbox is kept too), and released when the server ends for good.
 * {@link #whereis(Object)}, {@link #call(Object, Object)}, {@link #cast(Object, Object)} and
 * {@link #send(Object, Object)} reach the server by key.
 *
 * <pre>{@code
 * Registry carts = Registry.unique(runtime);
 * dynamicSupervisor.startChild(ChildSpec.worker("cart", Cart::new).withStarter(carts.via("user-42")));
 * carts.call("user-42", new AddItem("book"));
 * }</pre>
 *
 * <p><b>Concurrency.</b> A registry is not a process: it is a concurrent map, safe to use from any
 * thread. Lookups, dispatch, matches and counts take no lock, so they scale with the cores;
 * writes lock only the key they change. Callbacks ({@link #dispatch}) run on the caller's thread
 * with no lock held. Enumerations ({@link #select}, {@link #keys(ServerRef)}, {@link #count()})
 * visit every entry and are weakly consistent.
 *
 * <p>These rules are section 11 of the project's behavioural contract, {@code docs/contract.md}.
 */
public final class Registry {

    /** Whether a key can have one entry or many. */
    public enum Keys {
        /** At most one live server per key. */
        UNIQUE,
        /** Any number of entries per key, even several from the same server. */
        DUPLICATE
    }

    /**
     * One registration: a server under a key, with a value.
     *
     * @param key the key
     * @param ref the server
     * @param value the value given when registering; none for a server named through {@link #start}
     */
    public record Entry(Object key, ServerRef ref, @Nullable Object value) {
    }

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ProcessRuntime runtime;
    private final String name;
    private final Keys keys;
    private final Table table;
    private final ConcurrentHashMap<Object, Object> meta = new ConcurrentHashMap<>();
    /** Servers named through this registry, to their key: released when the server ends. */
    private final ConcurrentHashMap<ServerRef, Object> named = new ConcurrentHashMap<>();
    /** When {@link #named} grows past this, dead names are swept (amortised O(1) per name). */
    private final AtomicInteger sweepAt = new AtomicInteger(64);

    private Registry(ProcessRuntime runtime, String name, Keys keys) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.name = Objects.requireNonNull(name, "name");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.table = keys == Keys.UNIQUE ? new UniqueTable() : new DuplicateTable();
        runtime.addListener(new ProcessListener() {
            @Override
            public void exited(ServerRef server, ExitReason reason) {
                if (!server.isAlive()) {
                    releaseName(server);
                }
            }
        });
    }

    /**
     * Creates a registry with unique keys.
     *
     * @param runtime the runtime whose servers register
     * @return the registry
     */
    public static Registry unique(ProcessRuntime runtime) {
        return create(runtime, "registry-" + NAMES.incrementAndGet(), Keys.UNIQUE);
    }

    /**
     * Creates a registry with duplicate keys.
     *
     * @param runtime the runtime whose servers register
     * @return the registry
     */
    public static Registry duplicate(ProcessRuntime runtime) {
        return create(runtime, "registry-" + NAMES.incrementAndGet(), Keys.DUPLICATE);
    }

    /**
     * Creates a registry.
     *
     * @param runtime the runtime whose servers register
     * @param name a name for messages and logs
     * @param keys unique or duplicate
     * @return the registry
     */
    public static Registry create(ProcessRuntime runtime, String name, Keys keys) {
        return new Registry(runtime, name, keys);
    }

    /**
     * Returns the registry's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns whether keys are unique or duplicate.
     *
     * @return the key mode
     */
    public Keys keys() {
        return keys;
    }

    // ---- registration -------------------------------------------------------------------------

    /**
     * Registers {@code server} under {@code key} with {@code value}. The entry belongs to the
     * server's current instance and disappears when it exits; typically called from the server's
     * own init with {@code ctx.self()}.
     *
     * @param server the server, which must be running
     * @param key the key
     * @param value any value
     * @throws AlreadyRegisteredException unique keys only: another live server holds the key
     * @throws NoProcessException the server is not running
     */
    public void register(ServerRef server, Object key, @Nullable Object value) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(key, "key");
        CompletableFuture<ExitReason> exit = server.onExit();
        if (exit.isDone()) {
            throw new NoProcessException(server.displayName(), "register in " + name);
        }
        Slot slot = Slot.registered(key, server, value, exit);
        Slot holder = table.claim(slot);
        if (holder != null) {
            throw new AlreadyRegisteredException(name, key, holder.ref);
        }
        exit.whenComplete((reason, error) -> table.remove(slot));
    }

    /**
     * Removes {@code server}'s entries under {@code key} (all of them, for duplicate keys).
     *
     * @param server the server
     * @param key the key
     * @return true when something was removed
     */
    public boolean unregister(ServerRef server, Object key) {
        return unregisterMatch(server, key, value -> true);
    }

    /**
     * Removes {@code server}'s entries under {@code key} whose value matches.
     *
     * @param server the server
     * @param key the key
     * @param value which values to remove
     * @return true when something was removed
     */
    public boolean unregisterMatch(ServerRef server, Object key, Predicate<Object> value) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(value, "value");
        List<Slot> removed = table.removeMatching(key, server, value);
        for (Slot s : removed) {
            if (s.exit == null) {
                named.remove(server, key); // a name that belonged to the server
            }
        }
        return !removed.isEmpty();
    }

    /**
     * Changes the value of {@code server}'s entry under a unique key (Elixir's
     * {@code update_value}).
     *
     * @param server the server that holds the key
     * @param key the key
     * @param update computes the new value from the old
     * @return the new value, or empty when {@code server} does not hold the key
     * @throws IllegalStateException the registry has duplicate keys
     */
    public Optional<Object> updateValue(ServerRef server, Object key, UnaryOperator<Object> update) {
        UniqueTable unique = unique("updateValue");
        Objects.requireNonNull(update, "update");
        return unique.update(key, server, update);
    }

    // ---- naming ("via") -----------------------------------------------------------------------

    /**
     * Starts a server registered under {@code key} (OTP's {@code {:via, Registry, key}} name).
     * The key is taken before the server's init runs and released if the start fails or is
     * ignored; it stays with the server across supervised restarts and is released when the
     * server ends for good.
     *
     * @param key the key
     * @param factory builds the server instance (for every start and restart)
     * @param options the start options
     * @return the outcome of {@link ProcessRuntime#start(Supplier, StartOptions)}
     * @throws AlreadyStartedException a live server holds the key; {@code holder()} is it
     * @throws dev.genserver.process.StartFailedException the server's init failed
     * @throws IllegalStateException the registry has duplicate keys
     */
    public StartResult start(Object key, Supplier<? extends GenServer<?>> factory, StartOptions options) {
        UniqueTable unique = unique("start");
        Objects.requireNonNull(key, "key");
        Slot placeholder = Slot.placeholder(key);
        Slot holder = unique.claim(placeholder);
        if (holder != null) {
            throw new AlreadyStartedException(displayName(key), holder.ref);
        }
        StartResult result;
        try {
            result = runtime.start(factory, options);
        } catch (RuntimeException | Error e) {
            unique.remove(placeholder);
            placeholder.starting.complete(null);
            throw e;
        }
        if (result instanceof StartResult.Started started) {
            ServerRef server = started.ref();
            named.put(server, key);
            unique.replace(placeholder, Slot.named(key, server));
            sweepIfNeeded();
            placeholder.starting.complete(server);
        } else {
            unique.remove(placeholder);
            placeholder.starting.complete(null);
        }
        return result;
    }

    /**
     * A {@link ChildStarter} that starts a supervised child registered under {@code key}:
     * {@code ChildSpec.worker(...).withStarter(registry.via(key))}.
     *
     * @param key the key
     * @return the starter
     */
    public ChildStarter via(Object key) {
        Objects.requireNonNull(key, "key");
        unique("via");
        return (rt, factory, options) -> {
            if (rt != runtime) {
                throw new IllegalArgumentException("registry " + name + " belongs to another runtime");
            }
            return start(key, factory, options);
        };
    }

    /**
     * Finds the server registered under a unique key.
     *
     * @param key the key
     * @return the server, or empty
     * @throws IllegalStateException the registry has duplicate keys
     */
    public Optional<ServerRef> whereis(Object key) {
        Slot s = unique("whereis").get(key);
        if (s == null || s.starting != null) {
            return Optional.empty();
        }
        if (!s.alive()) {
            expunge(s);
            return Optional.empty();
        }
        return Optional.of(s.ref);
    }

    /**
     * Calls the server registered under a unique key, with its default call timeout.
     *
     * @param key the key
     * @param request the request
     * @param <R> the reply type
     * @return the reply
     * @throws NoProcessException nothing is registered under the key
     * @throws dev.genserver.process.GenServerException as for {@link ServerRef#call(Object)}
     */
    public <R> R call(Object key, Object request) {
        return require(key, request).call(request);
    }

    /**
     * Calls the server registered under a unique key.
     *
     * @param key the key
     * @param request the request
     * @param timeout the timeout
     * @param <R> the reply type
     * @return the reply
     * @throws NoProcessException nothing is registered under the key
     */
    public <R> R call(Object key, Object request, Duration timeout) {
        return require(key, request).call(request, timeout);
    }

    /**
     * Casts to every server registered under {@code key}. Never throws for a missing key.
     *
     * @param key the key
     * @param message the message
     * @return how many servers it was sent to
     */
    public int cast(Object key, Object message) {
        List<Entry> entries = lookup(key);
        for (Entry e : entries) {
            e.ref().cast(message);
        }
        return entries.size();
    }

    /**
     * Sends an info message to every server registered under {@code key}. Never throws for a
     * missing key.
     *
     * @param key the key
     * @param message the message
     * @return how many servers it was sent to
     */
    public int send(Object key, Object message) {
        List<Entry> entries = lookup(key);
        for (Entry e : entries) {
            e.ref().send(message);
        }
        return entries.size();
    }

    private ServerRef require(Object key, Object request) {
        return whereis(key).orElseThrow(() -> new NoProcessException(displayName(key),
                request == null ? "null" : request.getClass().getName()));
    }

    // ---- lookups ------------------------------------------------------------------------------

    /**
     * Returns the entries under {@code key}.
     *
     * @param key the key
     * @return a snapshot, empty when there is none
     */
    public List<Entry> lookup(Object key) {
        return switch (table) {
            case UniqueTable unique -> {
                Slot s = unique.get(key);
                if (s == null || s.starting != null) {
                    yield List.of();
                }
                if (!s.alive()) {
                    expunge(s);
                    yield List.of();
                }
                yield List.of(s.entry());
            }
            case DuplicateTable duplicate -> {
                Set<Slot> bucket = duplicate.get(key);
                List<Entry> entries = new ArrayList<>(bucket.size());
                for (Slot s : bucket) {
                    if (s.alive()) {
                        entries.add(s.entry());
                    }
                }
                yield entries;
            }
        };
    }

    /**
     * Returns the entries under {@code key} whose value matches (Elixir's {@code match}).
     *
     * @param key the key
     * @param value the condition on the value
     * @return a snapshot
     */
    public List<Entry> match(Object key, Predicate<Object> value) {
        Objects.requireNonNull(value, "value");
        List<Entry> entries = new ArrayList<>(lookup(key));
        entries.removeIf(e -> !value.test(e.value()));
        return entries;
    }

    /**
     * Returns every entry of the registry that matches (Elixir's {@code select}); visits all
     * entries.
     *
     * @param filter the condition on the key, server and value
     * @return a snapshot
     */
    public List<Entry> select(Predicate<Entry> filter) {
        Objects.requireNonNull(filter, "filter");
        List<Entry> entries = new ArrayList<>();
        table.forEachLive(e -> {
            if (filter.test(e)) {
                entries.add(e);
            }
        });
        return entries;
    }

    /**
     * Returns the keys under which {@code server} is registered; visits all entries.
     *
     * @param server the server
     * @return a snapshot (a key appears once per entry)
     */
    public List<Object> keys(ServerRef server) {
        List<Object> found = new ArrayList<>();
        table.forEachLive(e -> {
            if (e.ref().equals(server)) {
                found.add(e.key());
            }
        });
        return found;
    }

    /**
     * Returns the values {@code server} registered under {@code key}.
     *
     * @param key the key
     * @param server the server
     * @return a snapshot
     */
    public List<Object> values(Object key, ServerRef server) {
        List<Object> found = new ArrayList<>();
        for (Entry e : lookup(key)) {
            if (e.ref().equals(server)) {
                found.add(e.value());
            }
        }
        return found;
    }

    /**
     * Calls {@code callback} with the entries under {@code key}, on this thread, with no lock held
     * (Elixir's {@code dispatch}): local publish/subscribe. The callback is not called when there
     * are no entries.
     *
     * @param key the key
     * @param callback receives the entries
     * @return how many entries it received (0 when it was not called)
     */
    public int dispatch(Object key, Consumer<List<Entry>> callback) {
        Objects.requireNonNull(callback, "callback");
        List<Entry> entries = lookup(key);
        if (entries.isEmpty()) {
            return 0;
        }
        callback.accept(List.copyOf(entries));
        return entries.size();
    }

    // ---- counts -------------------------------------------------------------------------------

    /**
     * Counts every entry; visits all entries.
     *
     * @return the number of live entries
     */
    public int count() {
        int[] n = {0};
        table.forEachLive(e -> n[0]++);
        return n[0];
    }

    /**
     * Counts the entries under a key.
     *
     * @param key the key
     * @return the number of live entries
     */
    public int count(Object key) {
        return lookup(key).size();
    }

    /**
     * Counts the entries under a key whose value matches (Elixir's {@code count_match}).
     *
     * @param key the key
     * @param value the condition on the value
     * @return the count
     */
    public int countMatch(Object key, Predicate<Object> value) {
        return match(key, value).size();
    }

    /**
     * Counts the entries that match (Elixir's {@code count_select}); visits all entries.
     *
     * @param filter the condition
     * @return the count
     */
    public int countSelect(Predicate<Entry> filter) {
        return select(filter).size();
    }

    // ---- metadata -----------------------------------------------------------------------------

    /**
     * Stores registry-wide metadata (Elixir's {@code put_meta}).
     *
     * @param key the metadata key
     * @param value the value
     */
    public void putMeta(Object key, Object value) {
        meta.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    /**
     * Reads registry-wide metadata (Elixir's {@code meta}).
     *
     * @param key the metadata key
     * @return the value, or empty
     */
    public Optional<Object> meta(Object key) {
        return Optional.ofNullable(meta.get(key));
    }

    /**
     * Removes registry-wide metadata.
     *
     * @param key the metadata key
     * @return true when there was a value
     */
    public boolean deleteMeta(Object key) {
        return meta.remove(key) != null;
    }

    // ---- internals ----------------------------------------------------------------------------

    /** Removes a dead slot found by a lookup. */
    private void expunge(Slot slot) {
        if (slot.exit == null && slot.ref != null) {
            named.remove(slot.ref, slot.key);
        }
        table.remove(slot);
    }

    /** A server named through this registry ended for good: release its name. */
    private void releaseName(ServerRef server) {
        Object key = named.remove(server);
        if (key != null && table instanceof UniqueTable unique) {
            unique.release(key, server);
        }
    }

    /**
     * Releases the names of servers that ended without an exit the listener saw (discarded by a
     * supervisor that gave up, say). Lookups already ignore them; this bounds the memory they use.
     */
    private void sweepIfNeeded() {
        int threshold = sweepAt.get();
        if (named.size() < threshold || !sweepAt.compareAndSet(threshold, Integer.MAX_VALUE)) {
            return;
        }
        try {
            for (ServerRef server : named.keySet()) {
                if (!server.isAlive()) {
                    releaseName(server);
                }
            }
        } finally {
            sweepAt.set(Math.max(64, named.size() * 2));
        }
    }

    /** For tests: how many server names the registry still tracks. */
    int retainedNames() {
        return named.size();
    }

    private UniqueTable unique(String operation) {
        if (table instanceof UniqueTable unique) {
            return unique;
        }
        throw new IllegalStateException(operation + " needs a registry with unique keys; registry " + name
                + " has duplicate keys");
    }

    private String displayName(Object key) {
        return name + "/" + key;
    }

    @Override
    public String toString() {
        return "Registry[" + name + ", " + keys + "]";
    }
}
