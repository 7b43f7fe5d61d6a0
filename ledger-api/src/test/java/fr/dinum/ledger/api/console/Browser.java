package fr.dinum.ledger.api.console;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A headless Chromium driven by Selenium, for the console's browser tests. It uses Debian's
 * {@code chromium} and {@code chromium-driver} (installed by {@code .ci/run}); Selenium Manager is
 * never asked to download anything. Without them the tests are skipped with a message, except
 * under CI ({@code CI=true}), where a missing browser is a failure.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    /** Where screenshots go: {@code -Dconsole.screenshots=../docs/console} refreshes the documentation's. */
    static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));

    private static String axeSource;

    final ChromeDriver driver;
    final String base;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // A page that never finishes loading fails the test instead of holding the build.
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** Skips the calling test when the browser is missing outside CI; fails under CI. */
    static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (present) {
            return;
        }
        String message = "The console's browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver, as .ci/run does";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + ". Under CI they must run.");
        }
        Assumptions.abort(message + ". Skipped outside CI.");
    }

    static Browser start(int port) {
        requireChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=fr-FR", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), "http://localhost:" + port);
    }

    void open(String path) {
        System.out.println("[browser] open " + path);
        driver.get(base + path);
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The text of an element as written in the page, before any CSS transform (badges are upper-cased). */
    String text(String css) {
        return find(css).getAttribute("textContent").replace('\u00A0', ' ').strip().replaceAll("\\s+", " ");
    }

    boolean has(String css) {
        return !all(css).isEmpty();
    }

    /** Signs in through the login form. */
    void login(String user, String password) {
        open("/login");
        find("#username").sendKeys(user);
        find("#password").sendKeys(password);
        submit("#login-form button[type=submit]");
    }

    void logout() {
        submit("form[action='/logout'] button");
    }

    /** Clicks a submit button and waits for the next page to replace this one. */
    void submit(String css) {
        WebElement button = find(css);
        button.click();
        wait.until(ExpectedConditions.stalenessOf(button));
    }

    /** Types each value into the field of that name: text typed, select chosen, checkbox ticked. */
    void fill(Map<String, String> values) {
        values.forEach((name, value) -> {
            WebElement field = driver.findElement(By.name(name));
            switch (field.getTagName()) {
                case "select" -> new Select(field).selectByValue(value);
                default -> {
                    if ("checkbox".equals(field.getAttribute("type"))) {
                        if (field.isSelected() != Boolean.parseBoolean(value)) {
                            field.click();
                        }
                    } else {
                        field.clear();
                        field.sendKeys(value);
                    }
                }
            }
        });
    }

    /** The violations of impact serious or critical that axe-core finds on the page, as text. */
    List<String> seriousAccessibilityViolations() {
        JavascriptExecutor js = driver;
        js.executeScript(axe());
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));""");
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) result;
        return violations;
    }

    /** A screenshot of the whole page (beyond the window), as a PNG named after the page. */
    void screenshot(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) (Map<?, ?>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        long width = Math.round(((Number) size.get("width")).doubleValue());
        long height = Math.round(((Number) size.get("height")).doubleValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String sessionCookie() {
        var cookie = driver.manage().getCookieNamed("JSESSIONID");
        return cookie == null ? null : "JSESSIONID=" + cookie.getValue();
    }

    private static synchronized String axe() {
        if (axeSource == null) {
            try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
