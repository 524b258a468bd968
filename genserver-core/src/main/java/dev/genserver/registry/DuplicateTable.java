package dev.genserver.registry;

import dev.genserver.process.ServerRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The entries of a registry with duplicate keys: a concurrent set of slots per key, dropped when empty. */
final class DuplicateTable implements Table {

    private final ConcurrentHashMap<Object, Set<Slot>> buckets = new ConcurrentHashMap<>();

    @Override
    public @Nullable Slot claim(Slot slot) {
        buckets.compute(slot.key, (k, bucket) -> {
            Set<Slot> b = bucket == null ? ConcurrentHashMap.newKeySet() : bucket;
            b.add(slot);
            return b;
        });
        return null;
    }

    @Override
    public void remove(Slot slot) {
        buckets.computeIfPresent(slot.key, (k, bucket) -> {
            bucket.remove(slot);
            return bucket.isEmpty() ? null : bucket;
        });
    }

    @Override
    public List<Slot> removeMatching(Object key, ServerRef server, Predicate<@Nullable Object> value) {
        List<Slot> removed = new ArrayList<>();
        buckets.computeIfPresent(key, (k, bucket) -> {
            bucket.removeIf(s -> {
                boolean match = server.equals(s.ref) && value.test(s.value);
                if (match) {
                    removed.add(s);
                }
                return match;
            });
            return bucket.isEmpty() ? null : bucket;
        });
        return removed;
    }

    @Override
    public void forEachLive(Consumer<Registry.Entry> action) {
        for (Set<Slot> bucket : buckets.values()) {
            for (Slot s : bucket) {
                if (s.alive()) {
                    action.accept(s.entry());
                }
            }
        }
    }

    /** The slots under {@code key}, live or not; empty when there is none. */
    Set<Slot> get(Object key) {
        Set<Slot> bucket = buckets.get(key);
        return bucket == null ? Set.of() : bucket;
    }
}
