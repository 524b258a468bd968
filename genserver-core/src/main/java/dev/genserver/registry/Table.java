package dev.genserver.registry;

import dev.genserver.process.ServerRef;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A registry's entries, one implementation per key mode, chosen once when the registry is
 * created: {@link UniqueTable} (a slot per key) or {@link DuplicateTable} (a set of slots per
 * key). Writes lock only the key they change; reads take no lock.
 */
sealed interface Table permits UniqueTable, DuplicateTable {

    /**
     * The one way an entry enters the table, for {@link Registry#register} and
     * {@link Registry#start} alike. Under a duplicate key the slot joins the others. Under a unique
     * key it is put unless a live server holds the key; a start in progress under the key is
     * waited for, then the claim is tried again, so that a key is never given to two servers.
     *
     * @return nothing when the slot is in the table; otherwise the live slot that holds the unique key
     */
    @Nullable Slot claim(Slot slot);

    /** Removes this very slot, if it is still in the table. */
    void remove(Slot slot);

    /**
     * Removes {@code server}'s entries under {@code key} whose value matches (never a placeholder).
     *
     * @return the slots removed
     */
    List<Slot> removeMatching(Object key, ServerRef server, Predicate<@Nullable Object> value);

    /** Calls {@code action} with every live entry; weakly consistent. */
    void forEachLive(Consumer<Registry.Entry> action);
}
