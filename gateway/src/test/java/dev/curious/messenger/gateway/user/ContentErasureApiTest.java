package dev.curious.messenger.gateway.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code DELETE /api/users/{id}/content}: a user's content erased everywhere a client can look, others' kept. */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContentErasureApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    User admin;
    User analyst;
    User ada;
    User bob;

    @BeforeEach
    void people() {
        api = new Api(port);
        admin = api.signIn("admin", "admin-password-1");
        analyst = api.registerWith("ANALYST", "analyst", admin);
        ada = api.register("ada");
        bob = api.register("bob");
    }

    private Map<String, JsonNode> messages(UUID conversation, User viewer) {
        return api.messagesById("/api/conversations/" + conversation + "/messages", viewer);
    }

    private List<JsonNode> events(String query) {
        return api.get("/api/events" + query, analyst).lines();
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    @Test
    void aUserErasesTheirContentWhichIsGoneFromEveryViewWhileOthersKeepTheirs() throws Exception {
        UUID conversation = api.start(ada, "Private", bob);
        UUID adas = api.send(conversation, ada, "my address is 12 Elm Street");
        UUID bobs = api.send(conversation, bob, "mine is 3 Oak Lane");
        await().atMost(WAIT).until(() -> messages(conversation, bob).size() == 2);

        // Bob may not erase Ada: refused, nothing stored.
        long stored = storedEvents();
        Response refused = api.call("DELETE", "/api/users/" + ada.id() + "/content", bob.token(), null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(storedEvents()).isEqualTo(stored);

        assertThat(api.call("DELETE", "/api/users/" + ada.id() + "/content", ada.token(), null)
                        .status())
                .isEqualTo(204);

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, JsonNode> shown = messages(conversation, bob);
            assertThat(shown.get(adas.toString()).get("content").isNull()).isTrue();
            assertThat(shown.get(adas.toString()).get("erased").asBoolean()).isTrue();
            assertThat(shown.get(adas.toString()).get("senderId").asText())
                    .isEqualTo(ada.id().toString());
            assertThat(shown.get(bobs.toString()).get("content").asText()).isEqualTo("mine is 3 Oak Lane");
        });
        // The event history from the store itself: Ada's content null, Bob's there, the erasure with who did it.
        List<JsonNode> history = events("?conversationId=" + conversation);
        assertThat(history)
                .filteredOn(e -> e.get("type").asText().equals("MessageSent"))
                .extracting(e -> e.get("payload").get("content").isNull()
                        ? "null"
                        : e.get("payload").get("content").asText())
                .containsExactly("null", "mine is 3 Oak Lane");
        assertThat(history.toString()).doesNotContain("Elm").doesNotContain("sealed");
        JsonNode erased = events("?type=UserContentErased").stream()
                .filter(e -> e.get("aggregateId").asText().equals(ada.id().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(erased.get("payload").get("erasedBy").asText())
                .isEqualTo(ada.id().toString());
        // Search, the stored frames and the state as of a past time.
        assertThat(api.get("/api/search?q=Elm", bob).body().get("hits")).isEmpty();
        assertThat(api.get("/api/search?q=Oak", ada).body().get("hits")).hasSize(1);
        assertThat(api.get("/api/conversations/" + conversation + "/frames?after=0", bob)
                        .text())
                .doesNotContain("Elm")
                .contains("Oak Lane");
        assertThat(api.get("/api/conversations/" + conversation + "/state?asOf=" + Instant.now(), analyst)
                        .body()
                        .get("messageCount")
                        .asLong())
                .isEqualTo(2);

        // Who asked and when, in the audit log.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                api.get("/api/audit/log?type=UserContentErased&actorId=" + ada.id(), admin)
                                        .body()
                                        .get("entries"))
                        .singleElement()
                        .satisfies(entry -> assertThat(entry.get("at").asText()).endsWith("Z")));

        // An admin erases Bob.
        assertThat(api.call("DELETE", "/api/users/" + bob.id() + "/content", admin.token(), null)
                        .status())
                .isEqualTo(204);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(messages(conversation, ada)
                                .get(bobs.toString())
                                .get("erased")
                                .asBoolean())
                        .isTrue());
    }
}
