package dev.genserver.sample.importer;

import dev.genserver.sample.catalog.Product;
import dev.genserver.sample.catalog.ProductCacheApi;
import dev.genserver.sample.catalog.ProductRepository;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.HandleInfo;
import dev.genserver.spring.annotation.OnInit;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 11: a folder watcher. Every {@code shop.import.interval} it looks for {@code *.csv}
 * files in {@code shop.import.dir} ({@code id,name,priceCents} per line, an optional header),
 * saves the products, invalidates them in the product cache, and moves each file to
 * {@code processed/} (or {@code failed/}).
 */
@GenServer("productImporter")
public class ProductImporter {

    /** Asks for the report (a call). */
    public record GetReport() {
    }

    /** The report. */
    public record Report(String directory, List<String> imported, List<String> failed, long products) {
    }

    record Scan() {
    }

    private static final Logger log = LoggerFactory.getLogger(ProductImporter.class);

    private final Path directory;
    private final Duration interval;
    private final ProductRepository repository;
    private final ProductCacheApi cache;
    private final List<String> imported = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private long products;

    ProductImporter(@Value("${shop.import.dir}") Path directory, @Value("${shop.import.interval}") Duration interval,
                    ProductRepository repository, ProductCacheApi cache) {
        this.directory = directory;
        this.interval = interval;
        this.repository = repository;
        this.cache = cache;
    }

    @OnInit
    void init(GenServerContext ctx) throws IOException {
        Files.createDirectories(directory.resolve("processed"));
        Files.createDirectories(directory.resolve("failed"));
        ctx.sendAfter(new Scan(), interval);
    }

    @HandleInfo
    void scan(Scan tick, GenServerContext ctx) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.csv")) {
            for (Path file : files) {
                importFile(file);
            }
        }
        ctx.sendAfter(tick, interval);
    }

    @HandleCall
    Report report(GetReport request) {
        return new Report(directory.toAbsolutePath().toString(), List.copyOf(imported), List.copyOf(failed), products);
    }

    private void importFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        List<Product> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] cells = line.split(",");
                if (line.isBlank() || cells[0].trim().equalsIgnoreCase("id")) {
                    continue;
                }
                rows.add(new Product(Long.parseLong(cells[0].trim()), cells[1].trim(), Long.parseLong(cells[2].trim())));
            }
        } catch (RuntimeException e) {
            log.warn("{} is not a product CSV: {}", name, e.toString());
            failed.add(name);
            Files.move(file, directory.resolve("failed").resolve(name), StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        for (Product product : rows) {
            repository.save(product);
            cache.invalidate(product.id());
        }
        products += rows.size();
        imported.add(name);
        Files.move(file, directory.resolve("processed").resolve(name), StandardCopyOption.REPLACE_EXISTING);
        log.info("imported {} product(s) from {}", rows.size(), name);
    }
}
