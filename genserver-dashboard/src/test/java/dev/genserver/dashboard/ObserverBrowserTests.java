package dev.genserver.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genserver.dashboard.app.Counter;
import dev.genserver.dashboard.app.DashboardTestApplication;
import dev.genserver.dashboard.app.FragileApi;
import dev.genserver.dashboard.app.VisitorApi;
import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.process.ServerRef;
import dev.genserver.process.StartOptions;
import dev.genserver.spring.KeyedServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The dashboard in a real browser (headless Chromium): it shows the tree, restarts a server and
 * sees its restart count change, asks before restarting a supervisor, and shows hostile names as
 * text.
 */
@SpringBootTest(classes = DashboardTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=genservers,observer,health",
                "management.endpoint.genservers.access=unrestricted",
                "management.endpoint.genservers.show-values=always",
                "management.endpoint.health.show-details=always",
                "genserver.dashboard.sample-interval=200ms" })
@DirtiesContext
class ObserverBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String HOSTILE = "<img src=x onerror=\"document.title='owned'\">";

    private static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    KeyedServers<VisitorApi> visitors;

    @Autowired
    FragileApi fragile;

    @Autowired
    ProcessRuntime runtime;

    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void openPage() {
        driver = browser.driver;
        wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        driver.get("http://localhost:" + port + "/actuator/observer");
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));
    }

    @AfterEach
    void noConsoleErrors() {
        // Among them every content security policy violation: the page runs only its own script.
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void showsTheTreeWithItsStrategies() {
        WebElement tree = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tree .node")));
        assertThat(tree.getText()).startsWith("root");
        wait.until(d -> d.findElement(By.id("tree")).getText().contains("work"));
        String text = driver.findElement(By.id("tree")).getText();
        assertThat(text).contains("one_for_one", "counter", "fragile", "visitor", "keyed: ");
        // Collapsing "work" hides its children.
        click(By.cssSelector("#tree button[aria-label='collapse work']"));
        wait.until(d -> !d.findElement(By.id("tree")).getText().contains("counter"));
        click(By.cssSelector("#tree button[aria-label='expand work']"));
        wait.until(d -> d.findElement(By.id("tree")).getText().contains("counter"));
    }

    @Test
    void restartsAServerAndSeesItsRestartCountChange() {
        String before = restartsCell("counter");
        select("counter");
        click(By.cssSelector("#detail button[data-action='restart']"));
        long expected = Long.parseLong(before) + 1;
        wait.until(d -> restartsCell("counter").equals(Long.toString(expected)));
    }

    @Test
    void showsTheLinksMonitorsAndTimersOfAServer() {
        ServerRef counter = runtime.whereis("counter").orElseThrow();
        GenServer<Object> watcher = ctx -> {
            ctx.trapExits(true);
            ctx.link(counter);
            ctx.monitor(counter);
            return Init.ok(0);
        };
        ServerRef started = runtime.start(() -> watcher, StartOptions.named("watcher")).ref();
        try {
            select("counter");
            // the detail is drawn again at every poll: the values are read inside the wait, which
            // retries when a poll replaced the elements between finding and reading them
            List<String> values = wait.until(d -> {
                List<String> v = d.findElements(By.cssSelector("#relations dd")).stream()
                        .map(WebElement::getText).toList();
                return v.size() == 4 && v.get(0).contains("watcher") ? v : null;
            });
            assertThat(values).hasSize(4);
            assertThat(values.get(0)).isEqualTo("watcher");   // links
            assertThat(values.get(1)).isEqualTo("none");      // monitors
            assertThat(values.get(2)).isEqualTo("watcher");   // monitored by
            assertThat(values.get(3)).startsWith("1: " + Counter.Reminder.class.getName() + " in ");
        } finally {
            started.stop();
        }
    }

    @Test
    void asksBeforeRestartingASupervisor() {
        select("work");
        click(By.cssSelector("#detail button[data-action='restart']"));
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(dialog.getText()).contains("Restart the supervisor work and everything under it?");
        driver.findElement(By.id("confirm-cancel")).click();
        wait.until(ExpectedConditions.invisibilityOf(dialog));
        String before = restartsCell("work");
        click(By.cssSelector("#detail button[data-action='restart']"));
        wait.until(ExpectedConditions.visibilityOf(dialog));
        driver.findElement(By.id("confirm-ok")).click();
        long expected = Long.parseLong(before) + 1;
        wait.until(d -> restartsCell("work").equals(Long.toString(expected)));
    }

    @Test
    void asksBeforeRestartingTheRoot() {
        select("root");
        click(By.cssSelector("#detail button[data-action='restart']"));
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(dialog.getText()).contains("Restart the root supervisor");
        driver.findElement(By.id("confirm-cancel")).click();
        wait.until(ExpectedConditions.invisibilityOf(dialog));
    }

    @Test
    void showsHostileNamesAsText() {
        visitors.get(HOSTILE).visit();
        visitors.get("o'neil").visit();
        assertThatThrownBy(() -> fragile.crash(HOSTILE)).isInstanceOf(RuntimeException.class);

        find("visitor", HOSTILE);
        wait.until(d -> d.findElement(By.id("detail-fields")).getText().contains("visitor[" + HOSTILE + "]"));
        find("visitor", "o'neil");
        wait.until(d -> d.findElement(By.id("detail-fields")).getText().contains("visitor[o'neil]"));
        // Its actions work: the quote breaks nothing.
        click(By.cssSelector("#detail button[data-action='suspend']"));
        wait.until(d -> d.findElement(By.id("detail-fields")).getText().contains("suspended"));
        click(By.cssSelector("#detail button[data-action='resume']"));
        wait.until(d -> d.findElement(By.id("detail-fields")).getText().contains("running"));

        select("fragile");
        wait.until(d -> d.findElement(By.id("detail")).getText().contains(HOSTILE));
        assertThat(driver.findElements(By.cssSelector("body img"))).isEmpty();
        assertThat(driver.getTitle()).isEqualTo("GenServer observer");
    }

    @Test
    void filtersAndSortsTheTable() {
        driver.findElement(By.id("filter")).sendKeys("count");
        wait.until(d -> rowNames().equals(List.of("counter")));
        driver.findElement(By.id("filter")).clear();
        driver.findElement(By.id("filter")).sendKeys("r");
        driver.findElement(By.cssSelector("th[data-sort='name']")).click();   // already by name: now descending
        wait.until(d -> {
            List<String> names = rowNames();
            return names.size() > 2 && names.get(0).compareTo(names.get(names.size() - 1)) > 0;
        });
    }

    private void select(String name) {
        click(By.cssSelector("#processes tbody tr[data-name='" + name + "']"));
        wait.until(d -> d.findElement(By.id("detail")).getText().contains(name));
    }

    /** Clicks an element of a part the page re-renders at every poll: again if it was replaced meanwhile. */
    private void click(By by) {
        wait.until(d -> {
            WebElement e = d.findElement(by);
            if (!e.isDisplayed() || !e.isEnabled()) {
                return false;
            }
            e.click();
            return true;
        });
    }

    private void find(String keyed, String key) {
        WebElement input = driver.findElement(By.id("key"));
        input.clear();
        input.sendKeys(key);
        driver.findElement(By.cssSelector("#key-search button")).click();
    }

    private String restartsCell(String name) {
        return wait.until(d -> {
            List<WebElement> cells = d.findElements(
                    By.cssSelector("#processes tbody tr[data-name='" + name + "'] td.restarts"));
            return cells.isEmpty() ? null : cells.get(0).getText();
        });
    }

    private List<String> rowNames() {
        return driver.findElements(By.cssSelector("#processes tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-name")).toList();
    }
}
