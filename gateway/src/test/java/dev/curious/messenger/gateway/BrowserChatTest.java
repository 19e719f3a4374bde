package dev.curious.messenger.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.gateway.Api.User;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.springframework.context.annotation.Import;

/**
 * Two people chat through the page in headless Chromium: Debian's {@code chromium} driven by Debian's
 * {@code chromedriver} (installed by {@code .ci/run}), never a browser downloaded by a test tool.
 */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CommandFaults.class)
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

    /**
     * Searches through the page's search box and waits for the answer to be shown: the hit of that message, or null
     * when the answer has none.
     */
    private static WebElement searchHit(WebDriver browser, String query, String messageId) {
        WebElement box = browser.findElement(By.id("search"));
        box.clear();
        box.sendKeys(query, Keys.ENTER);
        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#search-results[data-query='" + query + "']")));
        List<WebElement> hits =
                browser.findElements(By.cssSelector("#search-results .hit[data-message-id='" + messageId + "']"));
        return hits.isEmpty() ? null : hits.get(0);
    }

    /** The message's buttons that show while the pointer is over it. */
    private static List<String> buttonsShown(WebDriver browser, WebElement message) {
        new Actions(browser).moveToElement(message).perform();
        return message.findElements(By.cssSelector(".actions button")).stream()
                .filter(WebElement::isDisplayed)
                .map(button -> button.getDomAttribute("class"))
                .toList();
    }

    /** The page's messages as delivered (not pending), once each: their texts. */
    private static List<String> delivered(WebDriver browser) {
        return browser.findElements(By.cssSelector("#messages .message[data-id] .content")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /**
     * A send answered 503 is repeated by the page with the same clientMessageId: one whose answer was lost after it was
     * stored ({@code OUTCOME_UNKNOWN}) and one that was never sent ({@code UNAVAILABLE}) each arrive once.
     */
    @Test
    void thePageRepeatsASendAnswered503AndItArrivesOnce() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Flaky line", bob);
        WebDriver adas = browser("ada");
        signIn(adas, ada.nickname(), "sign-in");
        visible(adas, By.cssSelector("#conversations li[data-id='" + conversation + "']"))
                .click();
        waitFor(adas, By.id("conversation-title"), "Flaky line");
        try {
            CommandFaults.next(1, SendMessage.class, CommandFaults.Fault.ANSWER_LOST);
            adas.findElement(By.id("composer")).sendKeys("stored, answer lost", Keys.ENTER);
            new WebDriverWait(adas, WAIT).until(browser -> delivered(browser).contains("stored, answer lost"));
            CommandFaults.next(1, SendMessage.class, CommandFaults.Fault.UNREACHABLE);
            adas.findElement(By.id("composer")).sendKeys("refused once", Keys.ENTER);
            new WebDriverWait(adas, WAIT).until(browser -> delivered(browser).contains("refused once"));
        } finally {
            CommandFaults.always(CommandFaults.Fault.NONE);
        }

        assertThat(delivered(adas)).containsExactly("stored, answer lost", "refused once");
        assertThat(adas.findElements(By.cssSelector("#messages .message.pending, #messages .message.failed")))
                .isEmpty();
        assertThat(api.get("/api/conversations/" + conversation + "/messages", bob)
                        .body()
                        .get("messages")
                        .findValuesAsText("content"))
                .containsExactly("refused once", "stored, answer lost");
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
        ada.findElement(By.id("new-conversation")).click();
        visible(ada, By.id("people-title")).sendKeys("Lunch?");
        ada.findElement(By.id("people-search")).sendKeys(bob.nickname().substring(0, 5));
        visible(ada, By.cssSelector("#people-results li[data-user-id='" + bob.id() + "'] button"))
                .click();
        ada.findElement(By.id("people-ok")).click();
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

    @Test
    void editDeleteReplyMentionAndSearchThroughThePage() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Lunch plans", bob);
        WebDriver adas = browser("ada");
        WebDriver bobs = browser("bob");
        signIn(adas, ada.nickname(), "sign-in");
        signIn(bobs, bob.nickname(), "sign-in");
        By chat = By.cssSelector("#conversations li[data-id='" + conversation + "']");
        visible(adas, chat).click();
        visible(bobs, chat).click();
        waitFor(adas, By.id("conversation-title"), "Lunch plans");
        waitFor(bobs, By.id("conversation-title"), "Lunch plans");
        visible(adas, By.cssSelector("#members .member.online[data-user-id='" + bob.id() + "']"));
        visible(bobs, By.cssSelector("#members .member.online[data-user-id='" + ada.id() + "']"));

        adas.findElement(By.id("composer")).sendKeys("Lunch at noon?", Keys.ENTER);
        waitFor(bobs, By.id("messages"), "Lunch at noon?");
        WebElement lunch = bobs.findElement(By.cssSelector("#messages .message:not(.mine)"));
        String lunchId = lunch.getDomAttribute("data-id");
        String lunchCss = "#messages .message[data-id='" + lunchId + "']";

        // Bob answers it, naming Ada: she sees the quote, the mention and a notification.
        new Actions(bobs).moveToElement(lunch).perform();
        lunch.findElement(By.cssSelector(".reply")).click();
        waitFor(bobs, By.id("reply-target"), "Lunch at noon?");
        bobs.findElement(By.id("composer")).sendKeys("@" + ada.nickname() + " yes, noon works", Keys.ENTER);
        waitFor(adas, By.id("toast"), bob.nickname() + " mentioned you");
        WebElement reply = visible(adas, By.cssSelector("#messages .message.mentions-me"));
        String replyId = reply.getDomAttribute("data-id");
        String replyCss = "#messages .message[data-id='" + replyId + "']";
        WebElement quote = reply.findElement(By.cssSelector(".quote"));
        assertThat(quote.getText()).contains(ada.nickname()).contains("Lunch at noon?");
        assertThat(quote.getDomAttribute("data-message-id")).isEqualTo(lunchId);
        assertThat(reply.findElement(By.cssSelector(".mention")).getText()).isEqualTo("@" + ada.nickname());
        waitFor(bobs, By.cssSelector(replyCss + " .quote"), "Lunch at noon?");
        assertThat(bobs.findElement(By.cssSelector(replyCss)).getDomAttribute("class"))
                .doesNotContain("mentions-me");
        assertThat(bobs.findElement(By.id("reply-target")).isDisplayed()).isFalse();
        // Ada owns the conversation: she may delete Bob's message, not edit it.
        assertThat(buttonsShown(adas, reply)).contains("delete").doesNotContain("edit");
        Files.copy(
                ((TakesScreenshot) adas).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", "browser-lifecycle.png"),
                StandardCopyOption.REPLACE_EXISTING);

        // Ada corrects her message: Bob sees the new text, that it was edited, and his quote of it follows.
        WebElement adasLunch = adas.findElement(By.cssSelector(lunchCss));
        new Actions(adas).moveToElement(adasLunch).perform();
        adasLunch.findElement(By.cssSelector(".edit")).click();
        WebElement editBox = visible(adas, By.cssSelector(lunchCss + " .edit-box"));
        assertThat(editBox.getDomProperty("value")).isEqualTo("Lunch at noon?");
        editBox.clear();
        editBox.sendKeys("Lunch at one?", Keys.ENTER);
        waitFor(bobs, By.cssSelector(lunchCss + " .content"), "Lunch at one?");
        waitFor(bobs, By.cssSelector(lunchCss + " .edited"), "(edited)");
        waitFor(bobs, By.cssSelector(replyCss + " .quote"), "Lunch at one?");
        waitFor(adas, By.cssSelector(lunchCss + " .content"), "Lunch at one?");
        assertThat(adas.findElements(By.cssSelector(lunchCss + " .edit-box"))).isEmpty();

        // Bob, on a fresh page, finds his answer by a word of it and is taken to it.
        bobs.navigate().refresh();
        waitFor(bobs, By.id("connection"), "online");
        visible(bobs, chat);
        WebElement hit = new WebDriverWait(bobs, WAIT).until(b -> searchHit(b, "noon", replyId));
        assertThat(hit.findElement(By.tagName("mark")).getText()).isEqualToIgnoringCase("noon");
        assertThat(hit.getText()).contains("Lunch plans").contains(bob.nickname());
        hit.click();
        new WebDriverWait(bobs, WAIT, Duration.ofMillis(100))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(replyCss + ".highlighted")));
        waitFor(bobs, By.id("conversation-title"), "Lunch plans");
        // What the server answers after the edit looks the same as what the frames made of it.
        assertThat(bobs.findElement(By.cssSelector(lunchCss + " .content")).getText())
                .isEqualTo("Lunch at one?");
        assertThat(bobs.findElement(By.cssSelector(lunchCss + " .edited")).getText())
                .isEqualTo("(edited)");
        assertThat(bobs.findElement(By.cssSelector(replyCss + " .quote")).getText())
                .contains("Lunch at one?");
        new WebDriverWait(bobs, WAIT).until(b -> searchHit(b, "one", lunchId));

        // Ada deletes her message: it keeps its place for Bob, without its text, and so does his quote of it.
        new Actions(adas).moveToElement(adasLunch).perform();
        adasLunch.findElement(By.cssSelector(".delete")).click();
        visible(adas, By.id("confirm-ok")).click();
        waitFor(bobs, By.cssSelector(lunchCss + " .deleted-text"), "message deleted");
        waitFor(bobs, By.cssSelector(replyCss + " .quote"), "message deleted");
        assertThat(bobs.findElement(By.cssSelector(lunchCss)).getDomAttribute("class"))
                .contains("deleted");
        assertThat(bobs.findElement(By.cssSelector(lunchCss)).getText()).doesNotContain("Lunch at");
        assertThat(bobs.findElement(By.cssSelector(replyCss + " .quote")).getText())
                .doesNotContain("Lunch at");
        assertThat(bobs.findElements(By.cssSelector("#messages .message"))).hasSize(2);
        waitFor(adas, By.cssSelector(lunchCss + " .deleted-text"), "message deleted");
        assertThat(buttonsShown(adas, adasLunch)).isEmpty();

        // The search no longer finds the deleted text.
        new WebDriverWait(bobs, WAIT).until(b -> searchHit(b, "one", lunchId) == null);
        if (bobs.findElements(By.cssSelector("#search-results .hit")).isEmpty()) {
            assertThat(bobs.findElement(By.id("search-results")).getText()).contains("No messages found");
        }

        // Bob erases his content: Ada's open page drops the text of his answer where it is, without a reload.
        assertThat(api.call("DELETE", "/api/users/" + bob.id() + "/content", bob.token(), null)
                        .status())
                .isEqualTo(204);
        waitFor(adas, By.cssSelector(replyCss + " .deleted-text"), "content erased");
        assertThat(adas.findElement(By.cssSelector(replyCss)).getText()).doesNotContain("noon works");
    }
}
