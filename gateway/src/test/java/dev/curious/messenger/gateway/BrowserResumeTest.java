package dev.curious.messenger.gateway;

import static dev.curious.messenger.gateway.Chromium.delivered;
import static dev.curious.messenger.gateway.Chromium.offline;
import static dev.curious.messenger.gateway.Chromium.openConversation;
import static dev.curious.messenger.gateway.Chromium.signIn;
import static dev.curious.messenger.gateway.Chromium.until;
import static dev.curious.messenger.gateway.Chromium.visible;
import static dev.curious.messenger.gateway.Chromium.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.gateway.Api.User;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The page across a restart of the whole system (the same database, the same port): a message sent while the page
 * was away, in a conversation that had no frame since the page loaded, shows, open or not; and a message written
 * while the server was down arrives once it is back, once.
 */
class BrowserResumeTest {

    @TempDir
    Path profiles;

    @TempDir
    Path data;

    private ConfigurableApplicationContext system;
    private Chromium chromium;

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (system != null) {
            system.close();
        }
    }

    private ConfigurableApplicationContext start(int port) {
        // Above the configuration files, as the environment of a deployment would be.
        Map<String, Object> run = Map.of(
                "server.port", String.valueOf(port),
                "messenger.embedded-postgres.data-dir", data.resolve("postgres").toString());
        return new SpringApplicationBuilder(MessengerSystem.class)
                .initializers(context ->
                        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("run", run)))
                .run();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void afterARestartThePageMissesNothingSentWhileItWasAwayAndSendsWhatWasWrittenMeanwhileOnce() throws Exception {
        int port = freePort();
        system = start(port);
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID open = api.start(bob, "Open one", ada);
        UUID untouched = api.start(bob, "Untouched", ada);
        chromium = new Chromium(profiles);
        WebDriver adas = chromium.open("ada", port);
        signIn(adas, ada.nickname(), "sign-in");
        openConversation(adas, open, "Open one");
        visible(adas, Chromium.conversation(untouched));

        system.close();
        system = null;
        waitFor(adas, By.id("connection"), "offline");
        adas.findElement(By.id("composer")).sendKeys("written while the server was down", Keys.ENTER);
        waitFor(adas, By.cssSelector("#messages .message.pending .state"), "waiting for the server");

        // Back, but the page is kept off the network until Bob has sent into both conversations.
        offline(adas, true);
        system = start(port);
        UUID inOpen = api.send(open, bob, "sent while the page was away");
        api.send(untouched, bob, "also while away");
        waitFor(adas, By.id("connection"), "offline");
        offline(adas, false);

        waitFor(adas, By.id("connection"), "online");
        until(
                adas,
                b -> delivered(b).contains("sent while the page was away")
                        && delivered(b).contains("written while the server was down"));
        waitFor(adas, By.cssSelector("#conversations li[data-id='" + untouched + "'] .preview"), "also while away");
        waitFor(adas, By.cssSelector("#conversations li[data-id='" + untouched + "'] .unread"), "1");
        assertThat(delivered(adas))
                .containsExactlyInAnyOrder("sent while the page was away", "written while the server was down");
        assertThat(adas.findElements(By.cssSelector("#messages .message.pending")))
                .isEmpty();
        assertThat(adas.findElements(By.cssSelector("#messages .message[data-id='" + inOpen + "']")))
                .hasSize(1);
        assertThat(api.get("/api/conversations/" + open + "/messages", bob)
                        .body()
                        .get("messages")
                        .findValuesAsText("content"))
                .containsExactlyInAnyOrder("sent while the page was away", "written while the server was down");

        // The untouched conversation, opened now, shows what came while away once.
        openConversation(adas, untouched, "Untouched");
        until(adas, b -> delivered(b).contains("also while away"));
        assertThat(delivered(adas)).containsExactly("also while away");
    }
}
