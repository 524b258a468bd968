package dev.genserver.sample.catalog;

/** Use case 2: a read-through product cache. */
public interface ProductCacheApi {

    /** Cache counters. */
    record Stats(int entries, long hits, long misses, long invalidations, long databaseQueries) {
    }

    /** Returns a product, from the cache or the database (a call). */
    Product get(long id) throws ProductNotFoundException;

    /** Drops a product from the cache (a cast). */
    void invalidate(long id);

    /** Returns the counters (a call). */
    Stats stats();

    /** No such product. */
    class ProductNotFoundException extends Exception {
        private static final long serialVersionUID = 1L;

        /** Creates it. */
        public ProductNotFoundException(long id) {
            super("no product " + id);
        }
    }
}
