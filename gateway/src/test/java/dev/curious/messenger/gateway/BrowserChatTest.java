package dev.curious.messenger.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.gateway.Api.User;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two people chat through the page in headless Chromium: Debian's {@code chromium} driven by Debian's
 * {@code chromedriver} (installed by {@code .ci/run}), never a browser downloaded by a test tool.
 */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserChatTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @TempDir
    Path profiles;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quit() {
        browsers.forEach(WebDriver::quit);
    }

    private WebDriver browser(String name) throws Exception {
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
                "--window-size=1200,800",
                "--user-data-dir=" + Files.createDirectory(profiles.resolve(name)));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        browser.get("http://localhost:" + port + "/");
        return browser;
    }

    private static WebElement visible(WebDriver browser, By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void waitFor(WebDriver browser, By by, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    private static void signIn(WebDriver browser, String nickname, String button) {
        visible(browser, By.id("nickname")).sendKeys(nickname);
        browser.findElement(By.id("password")).sendKeys(Api.PASSWORD);
        browser.findElement(By.id(button)).click();
        waitFor(browser, By.id("me-name"), nickname);
        waitFor(browser, By.id("connection"), "online");
    }

    @Test
    void twoPeopleChatThroughThePage() throws Exception {
        User bob = new Api(port).register("bob");
        String adaName = "ada-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        WebDriver ada = browser("ada");
        WebDriver bobs = browser("bob");
        signIn(ada, adaName, "register");
        signIn(bobs, bob.nickname(), "sign-in");

        // Ada starts a conversation with Bob, found by the start of his nickname.
        ada.findElement(By.cssSelector("#new-conversation summary")).click();
        visible(ada, By.id("new-title")).sendKeys("Lunch?");
        ada.findElement(By.id("people-search")).sendKeys(bob.nickname().substring(0, 5));
        visible(ada, By.cssSelector("#people-results li[data-user-id='" + bob.id() + "']"))
                .click();
        ada.findElement(By.id("start")).click();
        waitFor(ada, By.id("conversation-title"), "Lunch?");

        // Bob is told and opens it; Ada sees him online.
        visible(bobs, By.cssSelector("#conversations li")).click();
        waitFor(bobs, By.id("conversation-title"), "Lunch?");
        visible(ada, By.cssSelector("#members .member.online[data-user-id='" + bob.id() + "']"));

        ada.findElement(By.id("composer")).sendKeys("Hello Bob, lunch at noon?", Keys.ENTER);
        waitFor(bobs, By.id("messages"), "Hello Bob, lunch at noon?");
        // Bob has the conversation open in front: Ada's message shows as seen.
        waitFor(ada, By.cssSelector("#messages .message.mine .seen"), "Seen by " + bob.nickname());

        bobs.findElement(By.id("composer")).sendKeys("Sure");
        waitFor(ada, By.id("typing"), bob.nickname() + " is typing");
        bobs.findElement(By.id("composer")).sendKeys(Keys.ENTER);
        waitFor(ada, By.id("messages"), "Sure");

        // Ada reacts to Bob's message; Bob sees the reaction with its count.
        WebElement bobsMessage = ada.findElement(By.cssSelector("#messages .message:not(.mine)"));
        new Actions(ada).moveToElement(bobsMessage).perform();
        bobsMessage.findElement(By.cssSelector(".react")).click();
        visible(ada, By.cssSelector("#emoji-picker button[data-emoji='thumbs_up']"))
                .click();
        waitFor(bobs, By.cssSelector("#messages .message.mine .reactions"), "1");
        assertThat(bobs.findElement(By.cssSelector("#messages .message.mine .reaction"))
                        .getDomAttribute("data-emoji"))
                .isEqualTo("thumbs_up");

        // What the page looks like, for people reviewing a change of it.
        Files.copy(
                ((TakesScreenshot) ada).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", "browser-chat.png"),
                StandardCopyOption.REPLACE_EXISTING);

        // After a reload Bob reads the same history from the server.
        bobs.navigate().refresh();
        visible(bobs, By.cssSelector("#conversations li")).click();
        waitFor(bobs, By.id("messages"), "Hello Bob, lunch at noon?");
        assertThat(bobs.findElements(By.cssSelector("#messages .message"))).hasSize(2);
    }
}
