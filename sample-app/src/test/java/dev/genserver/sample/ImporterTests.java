package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Use case 11: CSV files dropped into the import folder (target/test-import) become products. */
class ImporterTests extends HttpTestSupport {

    @Test
    void droppedCsvIsImportedAndMovedAway() throws Exception {
        Path dir = Path.of("target/test-import");
        Files.createDirectories(dir);
        String name = "products-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        Path tmp = dir.resolve(name + ".part");
        Files.writeString(tmp, "id,name,priceCents\n101,Pour-over kettle,5900\n102,Paper filters,499\n");
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);   // appears complete

        await().atMost(WAIT).until(() -> imported().contains(name));
        assertThat(getJson("/products/101").get("name")).isEqualTo("Pour-over kettle");
        assertThat(getJson("/products/102").get("priceCents")).isEqualTo(499);
        assertThat(dir.resolve(name)).doesNotExist();
        assertThat(dir.resolve("processed").resolve(name)).exists();

        String bad = "broken-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        Files.writeString(dir.resolve(bad + ".part"), "not,a,number\n");
        Files.move(dir.resolve(bad + ".part"), dir.resolve(bad), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(WAIT).until(() -> failed().contains(bad));
        assertThat(dir.resolve("failed").resolve(bad)).exists();
    }

    @SuppressWarnings("unchecked")
    private List<String> imported() {
        return (List<String>) getJson("/imports").get("imported");
    }

    @SuppressWarnings("unchecked")
    private List<String> failed() {
        return (List<String>) getJson("/imports").get("failed");
    }
}
