package dev.curious.messenger.gateway;

import static dev.curious.messenger.gateway.Chromium.WAIT;
import static dev.curious.messenger.gateway.Chromium.accessibilityViolations;
import static dev.curious.messenger.gateway.Chromium.delivered;
import static dev.curious.messenger.gateway.Chromium.focused;
import static dev.curious.messenger.gateway.Chromium.openConversation;
import static dev.curious.messenger.gateway.Chromium.press;
import static dev.curious.messenger.gateway.Chromium.signIn;
import static dev.curious.messenger.gateway.Chromium.tabTo;
import static dev.curious.messenger.gateway.Chromium.until;
import static dev.curious.messenger.gateway.Chromium.visible;
import static dev.curious.messenger.gateway.Chromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.gateway.Api.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** People chat through the page in headless Chromium, by pointer and by keyboard, on a desk and on a phone. */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CommandFaults.class)
class BrowserChatTest {

    @LocalServerPort
    int port;

    @TempDir
    Path profiles;

    private Chromium chromium;

    @BeforeEach
    void start() {
        chromium = new Chromium(profiles);
    }

    @AfterEach
    void quit() {
        CommandFaults.always(CommandFaults.Fault.NONE);
        chromium.close();
    }

    private WebDriver browser(String name) throws Exception {
        return chromium.open(name, port);
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
        openConversation(adas, conversation, "Flaky line");
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
        WebElement line = visible(bobs, By.cssSelector("#conversations li"));
        waitFor(bobs, By.id("connection"), "online");
        // A line stays the element it was when the list redraws (a new message): a click on it is never lost.
        ada.findElement(By.id("composer")).sendKeys("Still there?", Keys.ENTER);
        waitFor(bobs, By.cssSelector("#conversations li .preview"), "Still there?");
        line.click();
        waitFor(bobs, By.id("messages"), "Still there?");
        waitFor(bobs, By.id("messages"), "Hello Bob, lunch at noon?");
        assertThat(bobs.findElements(By.cssSelector("#messages .message"))).hasSize(3);
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
        By chat = Chromium.conversation(conversation);
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

    private static Object script(WebDriver browser, String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** Writes a message while the server refuses every send (503): it waits in the outbox, shown as pending. */
    private static void writeWhileSendsAreRefused(WebDriver browser, String content) {
        CommandFaults.next(1000, SendMessage.class, CommandFaults.Fault.UNREACHABLE);
        browser.findElement(By.id("composer")).sendKeys(content, Keys.ENTER);
        waitFor(browser, By.cssSelector("#messages .message.pending .state"), "waiting for the server");
    }

    private static List<String> messagesOf(Api api, UUID conversation, User reader) {
        return api.get("/api/conversations/" + conversation + "/messages", reader)
                .body()
                .get("messages")
                .findValuesAsText("content");
    }

    /**
     * A message written while the server cannot take it waits in the outbox, shown as pending, survives a reload of
     * the page (it is in the browser's storage), and arrives once when the server takes it again.
     */
    @Test
    void aMessageWaitsInTheOutboxThroughAReloadAndArrivesOnce() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Outbox", bob);
        WebDriver adas = browser("ada");
        signIn(adas, ada.nickname(), "sign-in");
        openConversation(adas, conversation, "Outbox");

        writeWhileSendsAreRefused(adas, "kept through a reload");
        adas.navigate().refresh();
        waitFor(adas, By.id("connection"), "online");
        openConversation(adas, conversation, "Outbox");
        waitFor(adas, By.cssSelector("#messages .message.pending .content"), "kept through a reload");
        assertThat(messagesOf(api, conversation, bob)).isEmpty();

        CommandFaults.always(CommandFaults.Fault.NONE);
        until(adas, b -> delivered(b).contains("kept through a reload"));
        assertThat(adas.findElements(By.cssSelector("#messages .message.pending")))
                .isEmpty();
        assertThat(delivered(adas)).containsExactly("kept through a reload");
        assertThat(messagesOf(api, conversation, bob)).containsExactly("kept through a reload");
        until(
                adas,
                b -> script(b, "return Object.keys(localStorage).filter(k => k.startsWith('messenger.outbox'))")
                        .toString()
                        .equals("[]"));
    }

    /** A message the server refuses shows as failed with the reason, and the user retries or discards it. */
    @Test
    void aRefusedMessageShowsFailedWithTheReasonUntilRetriedOrDiscarded() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Closing soon", bob);
        WebDriver bobs = browser("bob");
        signIn(bobs, bob.nickname(), "sign-in");
        openConversation(bobs, conversation, "Closing soon");

        writeWhileSendsAreRefused(bobs, "too late");
        assertThat(api.call("POST", "/api/conversations/" + conversation + "/close", ada.token(), null)
                        .status())
                .isEqualTo(204);
        CommandFaults.always(CommandFaults.Fault.NONE);

        By failed = By.cssSelector("#messages .message.failed");
        waitFor(bobs, By.cssSelector("#messages .message.failed .state"), "not sent: ");
        assertThat(bobs.findElement(failed).getText()).containsIgnoringCase("closed");
        bobs.findElement(By.cssSelector("#messages .message.failed .retry")).click();
        waitFor(bobs, By.cssSelector("#messages .message.failed .state"), "not sent: ");
        bobs.findElement(By.cssSelector("#messages .message.failed .discard")).click();
        until(bobs, b -> b.findElements(failed).isEmpty());
        assertThat(messagesOf(api, conversation, ada)).isEmpty();
    }

    /** Signing in, opening a conversation, picking a person, sending, replying, editing and deleting: all by keys. */
    @Test
    void everyStepCanBeDoneFromTheKeyboard() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID first = api.start(bob, "Earlier", ada);
        api.send(first, bob, "an older message");
        // The page focuses the first row of the list it loads after sign-in, once: the list must hold the row then.
        await().atMost(WAIT).until(() -> messagesOf(api, first, ada).contains("an older message"));
        WebDriver adas = browser("ada");

        // Signing in: the page starts in the nickname field, and Enter signs in.
        until(adas, b -> "nickname".equals(focused(b).getDomAttribute("id")));
        press(adas, ada.nickname(), Keys.TAB, Api.PASSWORD, Keys.ENTER);
        waitFor(adas, By.id("connection"), "online");
        until(
                adas,
                b -> focused(b).getDomAttribute("class") != null
                        && focused(b).getDomAttribute("class").contains("row"));
        assertThat(script(adas, "return getComputedStyle(document.activeElement).outlineStyle"))
                .isNotEqualTo("none");

        // Opening the conversation of the list puts the focus in its composer.
        press(adas, Keys.ENTER);
        waitFor(adas, By.id("conversation-title"), "Earlier");
        until(adas, b -> "composer".equals(focused(b).getDomAttribute("id")));

        // Picking a person for a new conversation, in its dialog.
        tabTo(adas, "#new-conversation", true);
        press(adas, Keys.ENTER);
        until(adas, b -> "people-search".equals(focused(b).getDomAttribute("id")));
        press(adas, bob.nickname());
        visible(adas, By.cssSelector("#people-results button.person"));
        press(adas, Keys.ENTER);
        waitFor(adas, By.id("chosen"), bob.nickname());
        press(adas, Keys.ENTER);
        waitFor(adas, By.id("conversation-title"), bob.nickname());
        until(adas, b -> "composer".equals(focused(b).getDomAttribute("id")));

        // Sending, replying to it, editing the reply and deleting it.
        press(adas, "first by keyboard", Keys.ENTER);
        until(adas, b -> delivered(b).contains("first by keyboard"));
        tabTo(adas, "#messages .message .reply", true);
        press(adas, Keys.ENTER);
        waitFor(adas, By.id("reply-target"), "first by keyboard");
        until(adas, b -> "composer".equals(focused(b).getDomAttribute("id")));
        press(adas, "a reply by keyboard", Keys.ENTER);
        until(adas, b -> delivered(b).contains("a reply by keyboard"));
        WebElement reply =
                adas.findElements(By.cssSelector("#messages .message[data-id]")).get(1);
        String replyCss = "#messages .message[data-id='" + reply.getDomAttribute("data-id") + "']";
        tabTo(adas, replyCss + " .edit", true);
        press(adas, Keys.ENTER);
        until(adas, b -> focused(b).getDomAttribute("class").contains("edit-box"));
        assertThat(adas.findElement(By.cssSelector(replyCss + " .edit-row")).getText())
                .contains("Enter saves")
                .contains("Escape cancels");
        press(adas, " (edited by keys)", Keys.ENTER);
        waitFor(adas, By.cssSelector(replyCss + " .content"), "a reply by keyboard (edited by keys)");
        tabTo(adas, replyCss + " .delete", false);
        press(adas, Keys.ENTER);
        until(adas, b -> b.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(focused(adas).getText()).isEqualTo("Cancel");
        press(adas, Keys.TAB, Keys.ENTER);
        waitFor(adas, By.cssSelector(replyCss + " .deleted-text"), "message deleted");
    }

    /** axe-core finds no serious or critical WCAG 2.1 A/AA violation on the sign-in view and an open conversation. */
    @Test
    void theSignInViewAndAnOpenConversationPassAxe() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Accessible", bob);
        api.send(conversation, bob, "Hello @" + ada.nickname());
        UUID mine = api.send(conversation, ada, "An answer");
        api.call("PUT", "/api/messages/" + mine + "/reactions/heart", bob.token(), null);
        WebDriver adas = browser("ada");
        visible(adas, By.id("nickname"));
        assertThat(accessibilityViolations(adas)).isEmpty();
        signIn(adas, ada.nickname(), "sign-in");
        openConversation(adas, conversation, "Accessible");
        until(adas, b -> delivered(b).size() == 2);
        assertThat(accessibilityViolations(adas)).isEmpty();
        assertThat(adas.findElement(By.id("messages")).getDomAttribute("role")).isEqualTo("log");
        assertThat(adas.findElement(By.id("toast")).getDomAttribute("role")).isEqualTo("status");
    }

    /** On a phone the list and the conversation take the screen in turn, with a way back; axe passes there too. */
    @Test
    void onAPhoneOnePaneAtATimeWithAWayBack() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Pocket", bob);
        api.send(conversation, bob, "Hi from a phone");
        WebDriver adas = chromium.open("ada", port, 390, 844);
        signIn(adas, ada.nickname(), "sign-in");
        WebElement row = visible(adas, Chromium.conversation(conversation));
        assertThat(adas.findElement(By.id("messages")).isDisplayed()).isFalse();
        row.click();
        until(adas, b -> delivered(b).contains("Hi from a phone"));
        assertThat(adas.findElement(By.id("conversations")).isDisplayed()).isFalse();
        assertThat(script(adas, "return window.innerWidth")).isEqualTo(390L);
        long height = (Long) script(adas, "return window.innerHeight");
        long log = (Long)
                script(adas, "return Math.round(document.getElementById('messages').getBoundingClientRect().height)");
        assertThat(log).isGreaterThan(height / 2);
        assertThat(accessibilityViolations(adas)).isEmpty();
        Files.copy(
                ((TakesScreenshot) adas).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", "browser-phone.png"),
                StandardCopyOption.REPLACE_EXISTING);

        adas.findElement(By.id("back")).click();
        visible(adas, Chromium.conversation(conversation));
        assertThat(adas.findElement(By.id("messages")).isDisplayed()).isFalse();
        until(
                adas,
                b -> conversation
                        .toString()
                        .equals(focused(b).findElement(By.xpath("..")).getDomAttribute("data-id")));
    }

    /**
     * The owner renames, adds and removes members and closes, each destructive step after a confirmation that says
     * what it does; a member sees none of those controls and leaves after one.
     */
    @Test
    void theOwnersControlsAndTheMembersLeaveAskFirst() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        User cyd = api.register("cyd");
        UUID conversation = api.start(ada, "Team", bob);
        WebDriver adas = browser("ada");
        WebDriver bobs = browser("bob");
        signIn(adas, ada.nickname(), "sign-in");
        signIn(bobs, bob.nickname(), "sign-in");
        openConversation(adas, conversation, "Team");
        openConversation(bobs, conversation, "Team");
        for (String ownerOnly : List.of("rename", "add-member", "close-conversation")) {
            assertThat(bobs.findElement(By.id(ownerOnly)).isDisplayed())
                    .as(ownerOnly)
                    .isFalse();
        }
        assertThat(bobs.findElements(By.cssSelector("#members .remove"))).isEmpty();
        assertThat(adas.findElement(By.id("leave")).isDisplayed()).isFalse();

        adas.findElement(By.id("rename")).click();
        WebElement title = visible(adas, By.id("title-input"));
        title.clear();
        title.sendKeys("Team of three", Keys.ENTER);
        waitFor(bobs, By.id("conversation-title"), "Team of three");
        waitFor(bobs, Chromium.conversation(conversation), "Team of three");

        adas.findElement(By.id("add-member")).click();
        visible(adas, By.id("people-search")).sendKeys(cyd.nickname());
        visible(adas, By.cssSelector("#people-results li[data-user-id='" + cyd.id() + "'] button"))
                .click();
        adas.findElement(By.id("people-ok")).click();
        visible(bobs, By.cssSelector("#members .member[data-user-id='" + cyd.id() + "']"));

        adas.findElement(By.cssSelector("#members .member[data-user-id='" + cyd.id() + "'] .remove"))
                .click();
        waitFor(adas, By.id("confirm-text"), "no longer sees its messages");
        adas.findElement(By.id("confirm-ok")).click();
        until(
                bobs,
                b -> b.findElements(By.cssSelector("#members .member[data-user-id='" + cyd.id() + "']"))
                        .isEmpty());

        api.send(conversation, bob, "before closing");
        until(bobs, b -> delivered(b).contains("before closing"));
        assertThat(bobs.findElements(By.cssSelector("#messages .react[hidden]")))
                .isEmpty();
        adas.findElement(By.id("close-conversation")).click();
        waitFor(adas, By.id("confirm-text"), "Nobody can send");
        adas.findElement(By.cssSelector("#confirm-dialog button[value='cancel']"))
                .click();
        assertThat(api.get("/api/conversations/" + conversation, bob)
                        .body()
                        .get("closed")
                        .asBoolean())
                .isFalse();
        adas.findElement(By.id("close-conversation")).click();
        visible(adas, By.id("confirm-ok")).click();
        waitFor(bobs, By.id("conversation-title"), "(closed)");
        until(bobs, b -> !b.findElement(By.id("composer")).isEnabled());
        // Nothing is accepted in a closed conversation, so nothing offers it: no reaction, reply, edit or delete.
        until(
                bobs,
                b -> b.findElements(By.cssSelector("#messages .actions button:not([hidden])"))
                        .isEmpty());

        UUID other = api.start(ada, "To leave", bob);
        openConversation(bobs, other, "To leave");
        bobs.findElement(By.id("leave")).click();
        waitFor(bobs, By.id("confirm-text"), "no longer see its messages");
        bobs.findElement(By.id("confirm-ok")).click();
        until(bobs, b -> b.findElements(Chromium.conversation(other)).isEmpty());
    }

    /** Erasing my content asks first, says it is for good, and takes the text of my messages from everyone's page. */
    @Test
    void erasingMyContentAsksFirstAndTheQuotesOfItSayContentErased() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Forget me", bob);
        UUID original = api.send(conversation, bob, "soon unreadable");
        api.post(
                "/api/conversations/" + conversation + "/messages",
                ada,
                Map.of("content", "answering it", "replyTo", original.toString()));
        WebDriver adas = browser("ada");
        WebDriver bobs = browser("bob");
        signIn(adas, ada.nickname(), "sign-in");
        signIn(bobs, bob.nickname(), "sign-in");
        openConversation(adas, conversation, "Forget me");
        until(adas, b -> delivered(b).size() == 2);

        bobs.findElement(By.id("erase-content")).click();
        waitFor(bobs, By.id("confirm-text"), "unreadable for everyone, for good");
        bobs.findElement(By.id("confirm-ok")).click();
        String originalCss = "#messages .message[data-id='" + original + "']";
        waitFor(adas, By.cssSelector(originalCss + " .deleted-text"), "content erased");
        waitFor(adas, By.cssSelector("#messages .message.mine .quote"), "content erased");
        adas.navigate().refresh();
        openConversation(adas, conversation, "Forget me");
        waitFor(adas, By.cssSelector("#messages .message.mine .quote"), "content erased");
        assertThat(adas.findElement(By.id("messages")).getText()).doesNotContain("soon unreadable");
    }

    /** The many small things a user notices. */
    @Test
    void theSmallThings() throws Exception {
        Api api = new Api(port);
        User bob = api.register("bob");
        WebDriver adas = browser("ada");

        // An error is said once.
        visible(adas, By.id("nickname")).sendKeys(bob.nickname().toUpperCase());
        adas.findElement(By.id("password")).sendKeys(Api.PASSWORD);
        adas.findElement(By.id("register")).click();
        waitFor(adas, By.id("welcome-error"), "taken");
        String error = adas.findElement(By.id("welcome-error")).getText();
        assertThat(error).doesNotContain("(");
        assertThat(error.indexOf("taken")).isEqualTo(error.lastIndexOf("taken"));

        // A new user is told how to start; a conversation with one person is called after them.
        String ada = "ada-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        WebElement nickname = adas.findElement(By.id("nickname"));
        nickname.clear();
        nickname.sendKeys(ada);
        adas.findElement(By.id("register")).click();
        waitFor(adas, By.id("connection"), "online");
        waitFor(adas, By.id("no-conversations"), "No conversations yet");
        adas.findElement(By.id("new-conversation")).click();
        visible(adas, By.id("people-search")).sendKeys(bob.nickname());
        visible(adas, By.cssSelector("#people-results li[data-user-id='" + bob.id() + "'] button"))
                .click();
        adas.findElement(By.id("people-ok")).click();
        waitFor(adas, By.id("conversation-title"), bob.nickname());
        assertThat(adas.findElement(By.id("no-conversations")).isDisplayed()).isFalse();

        // A message past the limit is not cut: the counter says so and the page does not send it.
        String tooLong = "x".repeat(4001);
        WebElement composer = adas.findElement(By.id("composer"));
        script(
                adas,
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))",
                composer,
                tooLong);
        waitFor(adas, By.id("composer-count"), "4,001 / 4,000");
        composer.sendKeys(Keys.ENTER);
        waitFor(adas, By.id("toast"), "at most 4,000 characters");
        assertThat(composer.getDomProperty("value")).hasSize(4001);
        script(adas, "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))", composer);

        // Right-to-left text keeps its direction; "Seen by" stands under my latest seen message only.
        composer.sendKeys("שלום, מה נשמע?", Keys.ENTER);
        composer.sendKeys("second", Keys.ENTER);
        until(adas, b -> delivered(b).size() == 2);
        assertThat(adas.findElement(By.cssSelector("#messages .message[data-id] .content"))
                        .getDomAttribute("dir"))
                .isEqualTo("auto");
        String conversation =
                adas.findElement(By.cssSelector("#conversations li.active")).getDomAttribute("data-id");
        WebDriver bobs = browser("bob");
        signIn(bobs, bob.nickname(), "sign-in");
        openConversation(bobs, conversation, bob.nickname());
        until(
                adas,
                b -> b.findElements(By.cssSelector("#messages .seen")).stream()
                                .filter(WebElement::isDisplayed)
                                .count()
                        == 1);
        List<WebElement> seen = adas.findElements(By.cssSelector("#messages .message[data-id] .seen"));
        assertThat(seen.get(1).getText()).isEqualTo("Seen by " + bob.nickname());
        assertThat(seen.get(0).isDisplayed()).isFalse();

        // A second window of the same browser is signed in already, and a mention's mark goes from both once read.
        UUID other = UUID.fromString(conversation);
        String firstTab = bobs.getWindowHandle();
        bobs.switchTo().newWindow(WindowType.WINDOW);
        bobs.get("http://localhost:" + port + "/");
        String secondTab = bobs.getWindowHandle();
        waitFor(bobs, By.id("me-name"), bob.nickname());
        waitFor(bobs, By.id("connection"), "online");
        bobs.switchTo().window(firstTab);
        script(bobs, "document.getElementById('back').click()"); // to the list: the conversation is not in front
        adas.findElement(By.id("composer")).sendKeys("@" + bob.nickname() + " look", Keys.ENTER);
        By mentioned = By.cssSelector("#conversations li.mentioned[data-id='" + other + "']");
        visible(bobs, mentioned);
        bobs.switchTo().window(secondTab);
        visible(bobs, mentioned);
        bobs.switchTo().window(firstTab);
        bobs.findElement(Chromium.conversation(other)).click();
        until(bobs, b -> delivered(b).contains("@" + bob.nickname() + " look"));
        bobs.switchTo().window(secondTab);
        until(bobs, b -> b.findElements(mentioned).isEmpty());
    }

    /** A message that comes while the log is at its end shows whole, a long one too, not cut at the bottom. */
    @Test
    void aNewMessageScrollsWhollyIntoView() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Long history", bob);
        for (int i = 0; i < 30; i++) {
            api.send(conversation, bob, "message " + i);
        }
        WebDriver adas = browser("ada");
        signIn(adas, ada.nickname(), "sign-in");
        openConversation(adas, conversation, "Long history");
        until(adas, b -> delivered(b).size() == 30);
        UUID last = api.send(conversation, bob, "a long one\nwith\nseveral\nlines\nat\nthe\nend");
        By item = By.cssSelector("#messages .message[data-id='" + last + "']");
        visible(adas, item);
        until(adas, b -> (Boolean) script(
                b,
                "const m = arguments[0].getBoundingClientRect(), l = document.getElementById('messages')"
                        + ".getBoundingClientRect(); return m.top >= l.top && m.bottom <= l.bottom + 1;",
                b.findElement(item)));
    }
}
