package dev.genserver.sample.catalog;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The products table (H2 by default, PostgreSQL with the {@code postgres} profile). */
@Repository
public class ProductRepository {

    private final JdbcClient jdbc;
    private final AtomicLong queries = new AtomicLong();

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Finds one product. */
    public Optional<Product> find(long id) {
        queries.incrementAndGet();
        return jdbc.sql("SELECT id, name, price_cents FROM products WHERE id = ?").param(id)
                .query(Product.class).optional();
    }

    /** Returns every product. */
    public List<Product> findAll() {
        queries.incrementAndGet();
        return jdbc.sql("SELECT id, name, price_cents FROM products ORDER BY id").query(Product.class).list();
    }

    /** Inserts or updates a product. */
    public void save(Product product) {
        int updated = jdbc.sql("UPDATE products SET name = ?, price_cents = ? WHERE id = ?")
                .params(product.name(), product.priceCents(), product.id()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO products (id, name, price_cents) VALUES (?, ?, ?)")
                    .params(product.id(), product.name(), product.priceCents()).update();
        }
    }

    /** How many SELECTs reached the database: shows the cache at work. */
    public long queries() {
        return queries.get();
    }
}
