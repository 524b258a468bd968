package dev.genserver.dashboard;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A headless Chromium driven by Selenium, offline: Debian's {@code chromium} and
 * {@code chromium-driver} packages ({@code .ci/run} installs them). A machine without them fails
 * the test with a message that says what to install; nothing is skipped. Other locations can be
 * given with {@code -Dgenserver.test.chromium=...} and {@code -Dgenserver.test.chromedriver=...}.
 */
final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("genserver.test.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("genserver.test.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path tmp;

    Browser() {
        for (String file : new String[] { CHROMIUM, DRIVER }) {
            if (!new File(file).canExecute()) {
                fail("The dashboard's browser test needs headless Chromium and its driver, and " + file
                        + " is missing. Install them (Debian: apt-get install chromium chromium-driver; .ci/run does"
                        + " it), or point -Dgenserver.test.chromium and -Dgenserver.test.chromedriver at them.");
            }
        }
        try {
            tmp = Files.createTempDirectory("genserver-browser");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", tmp.toString()))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /**
     * Returns the errors the page's console logged since the last call (a content security policy
     * violation, a script error, a failed request), but for the favicon the browser asks for.
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).filter(message -> !message.contains("favicon.ico")).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // the driver's temporary files are only litter
            }
        }
    }
}
