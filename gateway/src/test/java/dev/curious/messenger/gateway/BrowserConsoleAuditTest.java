package dev.curious.messenger.gateway;

import static dev.curious.messenger.gateway.Chromium.accessibilityViolations;
import static dev.curious.messenger.gateway.Chromium.focused;
import static dev.curious.messenger.gateway.Chromium.press;
import static dev.curious.messenger.gateway.Chromium.signIn;
import static dev.curious.messenger.gateway.Chromium.tabTo;
import static dev.curious.messenger.gateway.Chromium.until;
import static dev.curious.messenger.gateway.Chromium.visible;
import static dev.curious.messenger.gateway.Chromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.gateway.Api.User;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An auditor works through the console's audit section in headless Chromium, by keyboard, on a desk and a phone. */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserConsoleAuditTest {

    @LocalServerPort
    int port;

    @TempDir
    Path profiles;

    private Chromium chromium;
    private Api api;

    @BeforeEach
    void start() {
        chromium = new Chromium(profiles);
        api = new Api(port);
    }

    @AfterEach
    void quit() {
        chromium.close();
    }

    private WebDriver console(String name, int width, int height, User user) throws Exception {
        WebDriver browser = chromium.open(name, port, width, height);
        browser.get("http://localhost:" + port + "/console.html");
        visible(browser, By.id("nickname")).sendKeys(user.nickname());
        browser.findElement(By.id("password")).sendKeys(Api.PASSWORD, Keys.ENTER);
        return browser;
    }

    @Test
    void anAuditorFindsAConversationGoesBackInTimeAndReadsTheLog() throws Exception {
        User admin = api.signIn("admin", "admin-password-1");
        User auditor = api.registerWith("AUDITOR", "auditor", admin);
        User ada = api.register("ada");
        User bob = api.register("bob");
        User cyd = api.register("cyd");
        UUID conversation = api.start(ada, "Before", bob);
        UUID message = api.send(conversation, ada, "original words");
        Thread.sleep(50);
        Instant then = Instant.now();
        Thread.sleep(50);
        assertThat(api.call("PATCH", "/api/messages/" + message, ada.token(), Map.of("content", "changed words"))
                        .status())
                .isEqualTo(204);
        api.call("PATCH", "/api/conversations/" + conversation, ada.token(), Map.of("title", "After"));
        api.call("PATCH", "/api/conversations/" + conversation, cyd.token(), Map.of("title", "Not mine"));

        WebDriver browser = console("auditor", 1200, 800, auditor);
        waitFor(browser, By.id("me-name"), auditor.nickname());
        // By keyboard: to the search box, a member's nickname, Enter; Tab to the result, Enter.
        WebElement search = tabTo(browser, ".audit-search input[type=search]", false);
        search.sendKeys(bob.nickname().substring(0, bob.nickname().length() - 1), Keys.ENTER);
        waitFor(browser, By.cssSelector(".audit-results"), "After");
        tabTo(browser, ".audit-result", false);
        press(browser, Keys.ENTER);
        waitFor(browser, By.id("audit-conv-title"), "After");
        waitFor(browser, By.cssSelector(".audit-messages"), "changed words");
        assertThat(focused(browser).getAttribute("id")).isEqualTo("audit-conv-title");

        // Back to the instant before the edit and the rename.
        WebElement instant = browser.findElement(By.cssSelector(".audit-time input[type=text]"));
        instant.sendKeys(then.toString(), Keys.ENTER);
        waitFor(browser, By.id("audit-conv-title"), "Before");
        waitFor(browser, By.cssSelector(".audit-messages"), "original words");
        assertThat(browser.findElement(By.cssSelector(".audit-messages")).getText())
                .doesNotContain("changed words");
        // "Now", then the slider at its start shows the conversation as it began.
        browser.findElement(By.xpath("//form[contains(@class,'audit-time')]//button[.='Now']"))
                .click();
        waitFor(browser, By.id("audit-conv-title"), "After");

        // The message's versions.
        visible(browser, By.cssSelector(".audit-versions-button")).sendKeys(Keys.ENTER);
        waitFor(browser, By.cssSelector(".audit-versions"), "Edited");
        assertThat(browser.findElement(By.cssSelector(".audit-versions")).getText())
                .contains("original words")
                .contains("changed words");

        // A hold placed with its reason, then released.
        browser.findElement(By.cssSelector(".audit-hold input")).sendKeys("litigation 42");
        browser.findElement(By.xpath("//button[.='Place hold']")).click();
        waitFor(browser, By.cssSelector(".audit-status"), "Legal hold placed");
        browser.findElement(By.xpath("//button[.='Release hold']")).click();
        waitFor(browser, By.cssSelector(".audit-status"), "Legal hold released");

        // The log, denials only: Cyd's refused rename, marked by a word.
        WebElement conversationFilter = browser.findElement(By.xpath(
                "//form[contains(@class,'audit-log-filters')]//label[.='Conversation id']/following-sibling::input"));
        conversationFilter.sendKeys(conversation.toString());
        browser.findElement(By.xpath("//label[.='Denials only']/following-sibling::input"))
                .click();
        browser.findElement(By.xpath("//button[.='Show the log']")).click();
        until(
                browser,
                b -> b.findElements(By.cssSelector(".audit-log tbody tr")).size() > 0);
        assertThat(browser.findElements(By.cssSelector(".audit-log tbody tr")))
                .allSatisfy(row -> assertThat(row.getText()).contains("Denied"))
                .anySatisfy(row -> assertThat(row.getText()).contains("RenameConversation"));

        assertThat(accessibilityViolations(browser)).isEmpty();

        // On a phone: the same section, nothing wider than the screen.
        WebDriver phone = console("auditor-phone", 390, 844, auditor);
        waitFor(phone, By.id("me-name"), auditor.nickname());
        visible(phone, By.cssSelector(".audit-search input[type=search]")).sendKeys("After", Keys.ENTER);
        waitFor(phone, By.cssSelector(".audit-results"), "After");
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) phone)
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        assertThat(accessibilityViolations(phone)).isEmpty();

        // The chat page, in the session the console began, links back to the console.
        phone.get("http://localhost:" + port + "/");
        waitFor(phone, By.id("connection"), "online");
        assertThat(phone.findElement(By.id("to-console")).isDisplayed()).isTrue();
    }

    @Test
    void aUserSigningInGetsTheRefusalAndNoConsole() throws Exception {
        User ada = api.register("ada");
        WebDriver browser = console("user", 1200, 800, ada);
        waitFor(browser, By.id("welcome-error"), "The console is for auditors");
        assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector(".audit-search"))).isEmpty();

        // The chat page offers no way to the console.
        browser.get("http://localhost:" + port + "/");
        signIn(browser, ada.nickname(), "sign-in");
        assertThat(browser.findElement(By.id("to-console")).isDisplayed()).isFalse();
    }
}
