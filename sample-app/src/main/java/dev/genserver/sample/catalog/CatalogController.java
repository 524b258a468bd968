package dev.genserver.sample.catalog;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST for use case 2. */
@RestController
class CatalogController {

    private final ProductCacheApi cache;
    private final ProductRepository repository;

    CatalogController(ProductCacheApi cache, ProductRepository repository) {
        this.cache = cache;
        this.repository = repository;
    }

    @GetMapping("/products/{id}")
    ResponseEntity<Object> get(@PathVariable long id) {
        try {
            return ResponseEntity.ok(cache.get(id));
        } catch (ProductCacheApi.ProductNotFoundException e) {
            return ResponseEntity.status(404).body(Map.of("error", e.getMessage()));
        }
    }

    /** Writes the database, then invalidates the cached entry. */
    @PutMapping("/products/{id}")
    Product update(@PathVariable long id, @RequestParam String name, @RequestParam long priceCents) {
        Product product = new Product(id, name, priceCents);
        repository.save(product);
        cache.invalidate(id);
        return product;
    }

    @GetMapping("/products/cache")
    ProductCacheApi.Stats stats() {
        return cache.stats();
    }
}
