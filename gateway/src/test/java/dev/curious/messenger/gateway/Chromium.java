package dev.curious.messenger.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the page's tests: Debian's {@code chromium} driven by Debian's {@code chromedriver}
 * (installed by {@code .ci/run}), never a browser downloaded by a test tool; each browser has a profile of its own.
 */
final class Chromium implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    private final Path profiles;
    private final List<WebDriver> browsers = new ArrayList<>();

    Chromium(Path profiles) {
        this.profiles = profiles;
    }

    WebDriver open(String name, int port) throws IOException {
        return open(name, port, 1200, 800);
    }

    /** A browser of its own (its own storage) with a window of that size, showing the page. */
    WebDriver open(String name, int port, int width, int height) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createDirectory(profiles.resolve(name)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        if (width < 500) {
            // A window is at least 500 pixels wide: a phone's screen is emulated, as the browser's device mode does.
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
        }
        browser.get("http://localhost:" + port + "/");
        return browser;
    }

    @Override
    public void close() {
        browsers.forEach(WebDriver::quit);
    }

    static WebElement visible(WebDriver browser, By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    static void waitFor(WebDriver browser, By by, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    static void until(WebDriver browser, Predicate<WebDriver> condition) {
        new WebDriverWait(browser, WAIT).until(condition::test);
    }

    static void signIn(WebDriver browser, String nickname, String button) {
        visible(browser, By.id("nickname")).sendKeys(nickname);
        browser.findElement(By.id("password")).sendKeys(Api.PASSWORD);
        browser.findElement(By.id(button)).click();
        waitFor(browser, By.id("me-name"), nickname);
        waitFor(browser, By.id("connection"), "online");
    }

    static By conversation(Object id) {
        return By.cssSelector("#conversations li[data-id='" + id + "'] button");
    }

    /** Opens a conversation of the list and waits for its title. */
    static void openConversation(WebDriver browser, Object id, String title) {
        visible(browser, conversation(id)).click();
        waitFor(browser, By.id("conversation-title"), title);
    }

    /** The page's messages as delivered (not pending), once each: their texts. */
    static List<String> delivered(WebDriver browser) {
        return browser.findElements(By.cssSelector("#messages .message[data-id] .content")).stream()
                .map(WebElement::getText)
                .toList();
    }

    static WebElement focused(WebDriver browser) {
        return browser.switchTo().activeElement();
    }

    /** Presses Tab (or Shift+Tab) until the focused element matches {@code css}; fails after 60 presses. */
    static WebElement tabTo(WebDriver browser, String css, boolean backwards) {
        for (int i = 0; i < 60; i++) {
            WebElement now = focused(browser);
            if ((Boolean) ((JavascriptExecutor) browser)
                    .executeScript("return arguments[0].matches(arguments[1])", now, css)) {
                return now;
            }
            Actions keys = new Actions(browser);
            (backwards ? keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT) : keys.sendKeys(Keys.TAB))
                    .perform();
        }
        throw new AssertionError("Tab never reached " + css);
    }

    static void press(WebDriver browser, CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /** The serious and critical WCAG 2.1 A/AA violations axe-core finds in the page as it is now. */
    @SuppressWarnings("unchecked")
    static List<String> accessibilityViolations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe());
        Object found = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        return (List<String>) found;
    }

    private static String axe() {
        try (InputStream in = Chromium.class.getClassLoader().getResourceAsStream(AXE)) {
            assertThat(in).as(AXE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes the browser off the network, or puts it back, as a phone going through a tunnel. */
    static void offline(WebDriver browser, boolean offline) {
        ((ChromeDriver) browser).executeCdpCommand("Network.enable", Map.of());
        ((ChromeDriver) browser)
                .executeCdpCommand(
                        "Network.emulateNetworkConditions",
                        Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }
}
