package org.sundaydigest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test class, driven through Debian's chromedriver, against the running test application.
 * Without Chromium each browser test is reported as skipped, with the command that installs it, except on CI (the
 * {@code CI} variable set), where they fail. The check runs before each test rather than once per class: a class-level
 * abort is reported by Surefire as a class of 0 tests, which does not tell a newcomer that anything was left out. A
 * failed test leaves a screenshot under {@code target/screenshots/}.
 */
public class Browser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestWatcher {

    static final String MISSING = "Skipped: the browser tests need /usr/bin/chromium and /usr/bin/chromedriver"
            + " (apt-get install chromium chromium-driver)";

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ChromeDriver driver;
    private Path profile;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!installed()) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(MISSING);
            }
            return;
        }
        profile = Files.createTempDirectory("sunday-digest-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(driver != null, MISSING);
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            String name = context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName();
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), Optional.ofNullable(driver.getPageSource()).orElse(""));
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save a screenshot: " + e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** The running application's URL, such as http://localhost:41234. */
    public static String baseUrl() {
        return ConfigProvider.getConfig().getValue("test.url", String.class);
    }

    /** Opens a path of the application. */
    public void open(String path) {
        driver.get(baseUrl() + path);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Waits up to {@code seconds} for the condition to hold (be non-null and not false). An element that left the
     * document is looked up again on the next poll: a page that reloads itself (the import page does when its job ends)
     * may do so between finding an element and reading it, which Chromium reports as a stale element or as a node that
     * "does not belong to the document".
     */
    public <T> T await(int seconds, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(200)).until(d -> {
            try {
                return condition.apply(d);
            } catch (StaleElementReferenceException gone) {
                return null;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return null;
                }
                throw e;
            }
        });
    }

    /** Clicks a link or a submit button and waits until the next page has replaced this one. */
    public void clickAndLoad(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(css).click();
        await(20, d -> isGone(page));
        await(20, d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether the element left the document. Chromium reports that as a stale element or, while the next page is being
     * built, as a node that "does not belong to the document"; both mean the old page is gone.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException gone) {
            return true;
        }
    }

    /** Signs in through the login form, from whatever page redirected there. */
    public void signIn(String user, String password) {
        find("#username").sendKeys(user);
        find("#password").sendKeys(password);
        clickAndLoad("#sign-in");
    }

    /** Saves what the page looks like now, {@code 1000} pixels wide, as {@code target/desk-screens/NAME.png}. */
    public void deskScreenshot(String name, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1000, height));
        try {
            Path dir = Files.createDirectories(Path.of("target", "desk-screens"));
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts the next test without the previous one's cookies. */
    public void forgetCookies() {
        open("/subscribe");
        driver.manage().deleteAllCookies();
    }
}
