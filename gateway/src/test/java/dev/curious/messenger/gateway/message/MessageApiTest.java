package dev.curious.messenger.gateway.message;

import static dev.curious.messenger.gateway.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.ThreeUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class MessageApiTest extends ThreeUsers {

    @Autowired
    JdbcClient jdbc;

    UUID conversation;

    @BeforeEach
    void chat() {
        conversation = api.start(ada, "Chat", bob);
    }

    private Response send(User sender, Map<String, ?> body) {
        return api.post("/api/conversations/" + conversation + "/messages", sender, body);
    }

    private JsonNode page(User viewer, String query) {
        Response page = api.get("/api/conversations/" + conversation + "/messages" + query, viewer);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.body();
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(conversation.toString())
                .query(Long.class)
                .single();
    }

    @Test
    void acceptsAMessageWith202AndItsSequenceThenShowsItWhole() {
        Response accepted = send(ada, Map.of("content", "Hello, Bob\n\tindented", "clientMessageId", "c-1"));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().get("sequence").asLong()).isEqualTo(1);
        String id = accepted.body().get("messageId").asText();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(page(bob, "").get("messages")).hasSize(1));
        JsonNode message = page(bob, "").get("messages").get(0);
        assertThat(message.get("id").asText()).isEqualTo(id);
        assertThat(message.get("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(message.get("sequence").asLong()).isEqualTo(1);
        assertThat(message.get("senderId").asText()).isEqualTo(ada.id().toString());
        assertThat(message.get("senderNickname").asText()).isEqualTo(ada.nickname());
        assertThat(message.get("content").asText()).isEqualTo("Hello, Bob\n\tindented");
        assertThat(Instant.parse(message.get("sentAt").asText()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(message.get("editedAt").isNull()).isTrue();
        assertThat(message.get("deleted").asBoolean()).isFalse();
        assertThat(message.get("reactions")).isEmpty();
        assertThat(message.get("seenBy")).isEmpty();
    }

    @Test
    void aResentClientMessageIdAnswersTheFirstMessageAndStoresNothing() {
        Response first = send(ada, Map.of("content", "once", "clientMessageId", "retry-1"));
        long stored = storedEvents();

        Response again = send(ada, Map.of("content", "once", "clientMessageId", "retry-1"));

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(storedEvents()).isEqualTo(stored);
    }

    @Test
    void refusesInvalidContentAndClientMessageIdsWith400() {
        assertProblem(send(ada, Map.of("content", "   ")), 400, "CONTENT_INVALID");
        assertProblem(send(ada, Map.of("content", "x".repeat(4001))), 400, "CONTENT_INVALID");
        assertProblem(send(ada, Map.of("content", "bell\u0007")), 400, "CONTENT_INVALID");
        assertProblem(send(ada, Map.of()), 400, "CONTENT_INVALID");
        assertProblem(
                send(ada, Map.of("content", "ok", "clientMessageId", "c".repeat(65))),
                400,
                "CLIENT_MESSAGE_ID_INVALID");
        assertThat(send(ada, Map.of("content", "x".repeat(4000))).status()).isEqualTo(202);
    }

    @Test
    void aNonMemberCanNeitherReadNorSendNorMarkSeen() {
        UUID message = api.send(conversation, ada, "secret");

        assertProblem(send(cyd, Map.of("content", "let me in")), 404, "NOT_A_MEMBER");
        assertProblem(api.get("/api/conversations/" + conversation + "/messages", cyd), 404, "CONVERSATION_NOT_FOUND");
        assertProblem(
                api.post("/api/conversations/" + conversation + "/seen", cyd, Map.of("messageId", message)),
                404,
                "NOT_A_MEMBER");
        assertProblem(
                api.post("/api/conversations/" + UUID.randomUUID() + "/messages", ada, Map.of("content", "anyone?")),
                404,
                "CONVERSATION_NOT_FOUND");
    }

    @Test
    void pagesNewestFirstByBeforeAndLimitUpToTheStart() {
        for (int i = 1; i <= 5; i++) {
            api.send(conversation, i % 2 == 0 ? bob : ada, "m" + i);
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(page(ada, "").get("messages")).hasSize(5));

        JsonNode first = page(ada, "?limit=2");
        assertThat(first.get("messages"))
                .extracting(m -> m.get("sequence").asLong())
                .containsExactly(5L, 4L);
        JsonNode second = page(ada, "?limit=2&before=" + first.get("nextBefore").asLong());
        assertThat(second.get("messages"))
                .extracting(m -> m.get("sequence").asLong())
                .containsExactly(3L, 2L);
        JsonNode last = page(ada, "?limit=2&before=" + second.get("nextBefore").asLong());
        assertThat(last.get("messages"))
                .extracting(m -> m.get("content").asText())
                .containsExactly("m1");
        assertThat(last.get("nextBefore").isNull()).isTrue();
        assertThat(page(ada, "?limit=500").get("messages")).hasSize(5);
        assertProblem(api.get("/api/conversations/" + conversation + "/messages?limit=0", ada), 400, "INPUT_INVALID");
        assertProblem(
                api.get("/api/conversations/" + conversation + "/messages?before=abc", ada), 400, "INPUT_INVALID");
    }

    @Test
    void markingSeenMarksEveryEarlierMessageOfOthersOnceWithTheFirstTime() {
        UUID one = api.send(conversation, ada, "one");
        api.send(conversation, bob, "bob's own");
        UUID three = api.send(conversation, ada, "three");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(unread(bob)).isEqualTo(2));

        assertThat(api.post("/api/conversations/" + conversation + "/seen", bob, Map.of("messageId", three))
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(unread(bob)).isZero());
        long stored = storedEvents();
        JsonNode seenFirst = page(ada, "").get("messages");
        assertThat(api.post("/api/conversations/" + conversation + "/seen", bob, Map.of("messageId", one))
                        .status())
                .isEqualTo(204);

        assertThat(storedEvents()).isEqualTo(stored);
        assertThat(page(ada, "").get("messages")).isEqualTo(seenFirst);
        List<String> seen = new ArrayList<>();
        seenFirst.forEach(
                m -> seen.add(m.get("content").asText() + ":" + m.get("seenBy").size()));
        assertThat(seen).containsExactly("three:1", "bob's own:0", "one:1");
        assertThat(seenFirst.get(0).get("seenBy").get(0).get("userId").asText())
                .isEqualTo(bob.id().toString());
        assertThat(seenFirst.get(0).get("seenBy").get(0).get("seenAt").asText()).endsWith("Z");
        assertProblem(api.post("/api/conversations/" + conversation + "/seen", bob, Map.of()), 400, "INPUT_INVALID");
        assertProblem(
                api.post("/api/conversations/" + conversation + "/seen", bob, Map.of("messageId", UUID.randomUUID())),
                404,
                "MESSAGE_NOT_FOUND");
    }

    private long unread(User user) {
        JsonNode list = api.get("/api/conversations", user).body();
        for (JsonNode c : list) {
            if (c.get("id").asText().equals(conversation.toString())) {
                return c.get("unreadCount").asLong();
            }
        }
        throw new AssertionError("Not in the list");
    }

    @Test
    void reactsOncePerUserMessageAndEmojiAndTakesTheReactionBack() {
        UUID message = api.send(conversation, ada, "react to me");
        String path = "/api/messages/" + message + "/reactions/";

        assertThat(api.call("PUT", path + "heart", bob.token(), null).status()).isEqualTo(204);
        long stored = storedEvents();
        assertThat(api.call("PUT", path + "heart", bob.token(), null).status()).isEqualTo(204);
        assertThat(storedEvents()).isEqualTo(stored);
        assertThat(api.call("PUT", path + "tada", bob.token(), null).status()).isEqualTo(204);
        assertThat(api.call("PUT", path + "heart", ada.token(), null).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode reactions = page(ada, "").get("messages").get(0).get("reactions");
            assertThat(reactions)
                    .extracting(r ->
                            r.get("emojiKey").asText() + ":" + r.get("count").asInt())
                    .containsExactly("heart:2", "tada:1");
            assertThat(reactions.get(0).get("unicode").asText()).isEqualTo("\u2764\ufe0f");
        });

        assertThat(api.call("DELETE", path + "heart", bob.token(), null).status())
                .isEqualTo(204);
        assertThat(api.call("DELETE", path + "heart", bob.token(), null).status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(page(ada, "").get("messages").get(0).get("reactions"))
                                .extracting(r -> r.get("emojiKey").asText() + ":"
                                        + r.get("count").asInt())
                                .containsExactly("heart:1", "tada:1"));
        assertProblem(api.call("PUT", path + "unicorn", bob.token(), null), 404, "EMOJI_UNKNOWN");
        assertProblem(api.call("PUT", path + "heart", cyd.token(), null), 404, "NOT_A_MEMBER");
        assertProblem(
                api.call("PUT", "/api/messages/" + UUID.randomUUID() + "/reactions/heart", bob.token(), null),
                404,
                "MESSAGE_NOT_FOUND");
    }

    @Test
    void listsTheEmojiCatalogAndOnlyAnAdminExtendsIt() {
        JsonNode catalog = api.get("/api/emojis", ada).body();
        assertThat(catalog)
                .extracting(e -> e.get("key").asText())
                .contains("thumbs_up", "heart", "joy", "tada", "eyes", "fire", "pray", "rocket");
        String key = "wave_" + UUID.randomUUID().toString().substring(0, 6);
        User admin = api.signIn("admin", "admin-password-1");

        assertProblem(api.post("/api/emojis", ada, Map.of("key", key, "unicode", "\ud83d\udc4b")), 403, "FORBIDDEN");
        Response defined = api.post("/api/emojis", admin, Map.of("key", key, "unicode", "\ud83d\udc4b"));
        assertThat(defined.status()).isEqualTo(201);
        assertThat(defined.body().get("key").asText()).isEqualTo(key);
        assertProblem(
                api.post("/api/emojis", admin, Map.of("key", key, "unicode", "\ud83d\udc4b")), 409, "EMOJI_EXISTS");
        assertProblem(api.post("/api/emojis", admin, Map.of("key", "Bad Key!", "unicode", "x")), 400, "EMOJI_INVALID");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get("/api/emojis", ada).body())
                        .extracting(e -> e.get("key").asText())
                        .contains(key));
        UUID message = api.send(conversation, ada, "hi");
        assertThat(api.call("PUT", "/api/messages/" + message + "/reactions/" + key, bob.token(), null)
                        .status())
                .isEqualTo(204);
    }
}
