package dev.genserver.sample.importer;

import dev.genserver.spring.GenServers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST for use case 11. */
@RestController
class ImportController {

    private final GenServers genServers;

    ImportController(GenServers genServers) {
        this.genServers = genServers;
    }

    @GetMapping("/imports")
    ProductImporter.Report report() {
        return genServers.call("productImporter", new ProductImporter.GetReport());
    }
}
