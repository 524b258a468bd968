package dev.genserver.registry;

import dev.genserver.process.ServerRef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** The entries of a registry with unique keys: at most one slot per key. */
final class UniqueTable implements Table {

    private final ConcurrentHashMap<Object, Slot> slots = new ConcurrentHashMap<>();

    @Override
    public @Nullable Slot claim(Slot slot) {
        for (;;) {
            Slot[] holder = new Slot[1];
            slots.compute(slot.key, (k, current) -> {
                if (current != null && current.holds()) {
                    holder[0] = current;
                    return current;
                }
                return slot;
            });
            Slot h = holder[0];
            if (h == null || h.starting == null) {
                return h;
            }
            h.starting.join(); // a start under this key is in progress: see how it ends
        }
    }

    @Override
    public void remove(Slot slot) {
        slots.remove(slot.key, slot);
    }

    @Override
    public List<Slot> removeMatching(Object key, ServerRef server, Predicate<@Nullable Object> value) {
        Slot[] removed = {null};
        slots.computeIfPresent(key, (k, s) -> {
            if (s.starting == null && server.equals(s.ref) && value.test(s.value)) {
                removed[0] = s;
                return null;
            }
            return s;
        });
        return removed[0] == null ? List.of() : List.of(removed[0]);
    }

    @Override
    public void forEachLive(Consumer<Registry.Entry> action) {
        for (Slot s : slots.values()) {
            if (s.alive()) {
                action.accept(s.entry());
            }
        }
    }

    /** The slot under {@code key}, whatever its state. */
    @Nullable Slot get(Object key) {
        return slots.get(key);
    }

    /** Puts {@code now} in place of the placeholder {@code old}, if it is still there. */
    void replace(Slot old, Slot now) {
        slots.replace(old.key, old, now);
    }

    /** Removes the entry of {@code server} under {@code key} (its name), whatever its state. */
    void release(Object key, ServerRef server) {
        slots.computeIfPresent(key, (k, s) -> server.equals(s.ref) ? null : s);
    }

    /**
     * Changes the value of {@code server}'s live entry under {@code key}.
     *
     * @return the new value; empty when {@code server} does not hold the key (or the new value is none)
     */
    Optional<Object> update(Object key, ServerRef server, UnaryOperator<@Nullable Object> update) {
        Object[] updated = {null};
        slots.computeIfPresent(key, (k, s) -> {
            if (s.starting == null && server.equals(s.ref) && s.alive()) {
                s.value = update.apply(s.value);
                updated[0] = s.value;
            }
            return s;
        });
        return Optional.ofNullable(updated[0]);
    }
}
