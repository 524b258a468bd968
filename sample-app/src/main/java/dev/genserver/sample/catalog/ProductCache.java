package dev.genserver.sample.catalog;

import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.OnContinue;
import dev.genserver.spring.annotation.OnInit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 2: a cache in front of the database. Read-through (a miss loads the row), entries
 * expire after {@code shop.catalog.ttl}, an update invalidates its entry. The warm-up runs in a
 * {@code continue} right after init, so the application's start does not wait for it, yet no
 * request is served before it.
 */
@GenServer("productCache")
public class ProductCache implements ProductCacheApi {

    /** The warm-up step. */
    record WarmUp() {
    }

    private record Entry(Product product, long loadedAt) {
    }

    private final ProductRepository repository;
    private final Duration ttl;
    private final Map<Long, Entry> entries = new HashMap<>();
    private long hits;
    private long misses;
    private long invalidations;

    ProductCache(ProductRepository repository, @Value("${shop.catalog.ttl}") Duration ttl) {
        this.repository = repository;
        this.ttl = ttl;
    }

    @OnInit
    void init(GenServerContext ctx) {
        ctx.continueWith(new WarmUp());
    }

    @OnContinue
    void warmUp(WarmUp step) {
        long now = System.nanoTime();
        repository.findAll().forEach(p -> entries.put(p.id(), new Entry(p, now)));
    }

    @Override
    public Product get(long id) throws ProductNotFoundException {
        Entry entry = entries.get(id);
        long now = System.nanoTime();
        if (entry != null && now - entry.loadedAt() < ttl.toNanos()) {
            hits++;
            return entry.product();
        }
        misses++;
        Product product = repository.find(id).orElseThrow(() -> new ProductNotFoundException(id));
        entries.put(id, new Entry(product, now));
        return product;
    }

    @Override
    public void invalidate(long id) {
        if (entries.remove(id) != null) {
            invalidations++;
        }
    }

    @Override
    public Stats stats() {
        return new Stats(entries.size(), hits, misses, invalidations, repository.queries());
    }
}
