package dev.genserver.registry;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ServerRef;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An entry as stored: identity equality, so that a server may register the same key and value
 * twice in a duplicate registry. Three kinds: an entry registered by a server instance
 * ({@link #exit} present), a name that belongs to a server ({@link Registry#start}; no exit), and
 * the placeholder of a start in progress ({@link #starting} present, no server yet).
 */
final class Slot {

    final Object key;
    /** The server; none in the placeholder of a start in progress. */
    final @Nullable ServerRef ref;
    volatile @Nullable Object value;
    /** The exit of the registering instance; none for a name that belongs to the server. */
    final @Nullable CompletableFuture<ExitReason> exit;
    /** Present while a {@link Registry#start} under this key is in progress: the placeholder. */
    final @Nullable CompletableFuture<@Nullable ServerRef> starting;

    Slot(Object key, @Nullable ServerRef ref, @Nullable Object value, @Nullable CompletableFuture<ExitReason> exit,
         @Nullable CompletableFuture<@Nullable ServerRef> starting) {
        this.key = key;
        this.ref = ref;
        this.value = value;
        this.exit = exit;
        this.starting = starting;
    }

    /** An entry registered by {@code server}'s current instance, which ends with {@code exit}. */
    static Slot registered(Object key, ServerRef server, @Nullable Object value, CompletableFuture<ExitReason> exit) {
        return new Slot(key, server, value, exit, null);
    }

    /** The name of a server started through the registry: it lasts as long as the server. */
    static Slot named(Object key, ServerRef server) {
        return new Slot(key, server, null, null, null);
    }

    /** The placeholder that holds a key while a start under it runs. */
    static Slot placeholder(Object key) {
        return new Slot(key, null, null, null, new CompletableFuture<>());
    }

    /** Whether the entry's server (instance) is alive; a placeholder is not. */
    boolean alive() {
        if (starting != null) {
            return false;
        }
        return exit != null ? !exit.isDone() : ref != null && ref.isAlive();
    }

    /** Whether the slot holds a unique key against a claim: its server is alive or its start runs. */
    boolean holds() {
        return starting != null || alive();
    }

    Registry.Entry entry() {
        return new Registry.Entry(key, ref, value);
    }
}
