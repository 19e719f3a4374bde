package dev.curious.messenger.gateway.audit;

import static dev.curious.messenger.gateway.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * What the auditors' console asks beyond the audit API's first calls: a conversation found by title, nickname or id;
 * the log's outcome filter; a conversation with its messages as of an instant, from the events.
 */
class AuditConsoleApiTest extends ThreeUsers {

    private static final Duration WAIT = Duration.ofSeconds(10);

    User auditor;

    @BeforeEach
    void people() {
        User admin = api.signIn("admin", "admin-password-1");
        auditor = api.registerWith("AUDITOR", "auditor", admin);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private JsonNode state(UUID conversation, String query) {
        var response = api.get("/api/audit/conversations/" + conversation + "/state" + query, auditor);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode message(JsonNode state, UUID id) {
        for (JsonNode message : state.get("messages")) {
            if (message.get("messageId").asText().equals(id.toString())) {
                return message;
            }
        }
        throw new AssertionError("No message " + id + " in " + state);
    }

    /** An instant strictly between what came before and what comes after (the store's clock is this JVM's). */
    private static Instant pause() throws InterruptedException {
        Thread.sleep(30);
        Instant at = Instant.now();
        Thread.sleep(30);
        return at;
    }

    @Test
    void anAuditorFindsAConversationByTitleNicknameOrId() {
        String title = "Quarterly Plans " + UUID.randomUUID().toString().substring(0, 8);
        UUID conversation = api.start(ada, title, bob);
        UUID other = api.start(cyd, "Lunch", bob);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(ids(api.get(
                                        "/api/audit/conversations?q="
                                                + title.substring(0, 20)
                                                        .toUpperCase()
                                                        .replace(" ", "%20"),
                                        auditor)
                                .body()))
                        .containsExactly(conversation.toString()));
        String nicknamePrefix =
                ada.nickname().substring(0, ada.nickname().length() - 2).toUpperCase();
        assertThat(ids(api.get("/api/audit/conversations?q=" + nicknamePrefix, auditor)
                        .body()))
                .contains(conversation.toString())
                .doesNotContain(other.toString());
        assertThat(ids(api.get("/api/audit/conversations?q=" + other, auditor).body()))
                .containsExactly(other.toString());
        // Combined with the member filter; a nickname is matched from its start only; LIKE's wildcards are text.
        assertThat(api.get("/api/audit/conversations?memberId=" + cyd.id() + "&q=" + nicknamePrefix, auditor)
                        .body())
                .isEmpty();
        assertThat(api.get("/api/audit/conversations?q=" + ada.nickname().substring(1), auditor)
                        .body())
                .isEmpty();
        assertThat(api.get("/api/audit/conversations?q=%25", auditor).body()).isEmpty();
        assertProblem(api.get("/api/audit/conversations?q=" + "x".repeat(101), auditor), 400, "INPUT_INVALID");
        assertThat(api.get("/api/audit/conversations?q=x", ada).status()).isEqualTo(403);
    }

    @Test
    void theLogIsFilteredByOutcomeAndAction() {
        UUID conversation = api.start(ada, "Watched", bob);
        api.send(conversation, ada, "hello");
        api.call("PATCH", "/api/conversations/" + conversation, cyd.token(), Map.of("title", "Mine"));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode denied = api.get("/api/audit/log?conversationId=" + conversation + "&outcome=Denied", auditor)
                    .body()
                    .get("entries");
            assertThat(denied)
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.get("outcome").asText()).isEqualTo("Denied"));
            assertThat(denied)
                    .anySatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("RenameConversation"));
        });
        // The events' rows come from the audit projection, a moment later.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.get(
                                        "/api/audit/log?conversationId=" + conversation
                                                + "&outcome=Stored&type=MessageSent",
                                        auditor)
                                .body()
                                .get("entries"))
                        .singleElement()
                        .satisfies(e -> assertThat(e.get("actorId").asText())
                                .isEqualTo(ada.id().toString())));
        var bad = api.get("/api/audit/log?outcome=denied", auditor);
        assertProblem(bad, 400, "INPUT_INVALID");
        assertThat(bad.body().get("violations").get(0).get("field").asText()).isEqualTo("outcome");
        assertProblem(api.get("/api/audit/log?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", auditor), 400);
    }

    @Test
    void aConversationAsOfAnInstantShowsItsMessagesAsTheyWereThen() throws Exception {
        Instant beforeItBegan = pause();
        UUID conversation = api.start(ada, "Draft title", bob);
        UUID first = api.send(conversation, ada, "first");
        UUID second = api.send(conversation, ada, "second");
        await().atMost(WAIT).until(() -> state(conversation, "").get("messages").size() == 2);
        Instant then = pause();

        assertThat(api.call("PATCH", "/api/messages/" + first, ada.token(), Map.of("content", "first, edited"))
                        .status())
                .isEqualTo(204);
        assertThat(api.call("DELETE", "/api/messages/" + second, ada.token(), null)
                        .status())
                .isEqualTo(204);
        assertThat(api.call("PUT", "/api/messages/" + first + "/reactions/heart", bob.token(), null)
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/conversations/" + conversation + "/seen", bob, Map.of("messageId", second))
                        .status())
                .isEqualTo(204);
        api.call("PATCH", "/api/conversations/" + conversation, ada.token(), Map.of("title", "Final title"));
        api.call("POST", "/api/conversations/" + conversation + "/members", ada.token(), Map.of("userId", cyd.id()));

        // Now: the edit, the deletion, the reaction, the seen mark, the new title and member.
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode now = state(conversation, "");
            assertThat(now.get("title").asText()).isEqualTo("Final title");
            assertThat(message(now, first).get("content").asText()).isEqualTo("first, edited");
            assertThat(message(now, first).get("edited").asBoolean()).isTrue();
            assertThat(message(now, first)
                            .get("reactions")
                            .get(0)
                            .get("emojiKey")
                            .asText())
                    .isEqualTo("heart");
            assertThat(message(now, first)
                            .get("reactions")
                            .get(0)
                            .get("userIds")
                            .get(0)
                            .asText())
                    .isEqualTo(bob.id().toString());
            assertThat(message(now, first).get("seenBy").get(0).get("userId").asText())
                    .isEqualTo(bob.id().toString());
            assertThat(message(now, second).get("deleted").asBoolean()).isTrue();
            assertThat(message(now, second).get("content").isNull()).isTrue();
            assertThat(message(now, second).get("deletedBy").asText())
                    .isEqualTo(ada.id().toString());
        });

        // Then: none of it yet.
        JsonNode past = state(conversation, "?asOf=" + then);
        assertThat(past.get("title").asText()).isEqualTo("Draft title");
        assertThat(past.get("ownerId").asText()).isEqualTo(ada.id().toString());
        assertThat(past.get("members"))
                .extracting(m -> m.get("nickname").asText())
                .containsExactlyInAnyOrder(ada.nickname(), bob.nickname());
        assertThat(past.get("messageCount").asLong()).isEqualTo(2);
        assertThat(Instant.parse(past.get("firstEventAt").asText())).isBefore(then);
        assertThat(Instant.parse(past.get("lastEventAt").asText())).isAfter(then);
        assertThat(past.get("messages"))
                .extracting(m -> m.get("messageId").asText())
                .containsExactly(second.toString(), first.toString());
        JsonNode firstThen = message(past, first);
        assertThat(firstThen.get("content").asText()).isEqualTo("first");
        assertThat(firstThen.get("edited").asBoolean()).isFalse();
        assertThat(firstThen.get("reactions")).isEmpty();
        assertThat(firstThen.get("seenBy")).isEmpty();
        assertThat(firstThen.get("senderId").asText()).isEqualTo(ada.id().toString());
        JsonNode secondThen = message(past, second);
        assertThat(secondThen.get("content").asText()).isEqualTo("second");
        assertThat(secondThen.get("deleted").asBoolean()).isFalse();
        assertThat(secondThen.get("erased").asBoolean()).isFalse();
        assertThat(past.get("nicknames").get(ada.id().toString()).asText()).isEqualTo(ada.nickname());

        // Paged, newest first: "before" is the older page's cursor.
        JsonNode newest = state(conversation, "?asOf=" + then + "&limit=1");
        assertThat(newest.get("messages"))
                .singleElement()
                .satisfies(m -> assertThat(m.get("messageId").asText()).isEqualTo(second.toString()));
        JsonNode older = state(
                conversation,
                "?asOf=" + then + "&limit=1&before=" + newest.get("nextBefore").asLong());
        assertThat(older.get("messages"))
                .singleElement()
                .satisfies(m -> assertThat(m.get("content").asText()).isEqualTo("first"));
        assertThat(older.get("nextBefore").isNull()).isTrue();

        assertProblem(
                api.get("/api/audit/conversations/" + conversation + "/state?asOf=" + beforeItBegan, auditor), 404);
        assertProblem(api.get("/api/audit/conversations/" + UUID.randomUUID() + "/state", auditor), 404);
        for (String bad : List.of("?asOf=yesterday", "?limit=0", "?before=0", "?before=x")) {
            assertProblem(api.get("/api/audit/conversations/" + conversation + "/state" + bad, auditor), 400);
        }
        assertProblem(api.get("/api/audit/conversations/" + conversation + "/state", ada), 403);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.get(
                                        "/api/audit/log?actorId=" + auditor.id() + "&type=AuditQuery&conversationId="
                                                + conversation + "&size=200",
                                        auditor)
                                .body()
                                .get("entries"))
                        .hasSizeGreaterThanOrEqualTo(5));
    }

    @Test
    void erasedContentIsNullAsOfAnyInstant() throws Exception {
        UUID conversation = api.start(ada, "Erased", bob);
        UUID adas = api.send(conversation, ada, "secret");
        UUID bobs = api.send(conversation, bob, "kept");
        await().atMost(WAIT).until(() -> state(conversation, "").get("messages").size() == 2);
        Instant then = pause();
        assertThat(api.call("DELETE", "/api/users/" + ada.id() + "/content", ada.token(), null)
                        .status())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode past = state(conversation, "?asOf=" + then);
            assertThat(message(past, adas).get("content").isNull()).isTrue();
            assertThat(message(past, adas).get("erased").asBoolean()).isTrue();
            assertThat(message(past, adas).get("deleted").asBoolean()).isFalse();
            assertThat(message(past, bobs).get("content").asText()).isEqualTo("kept");
            assertThat(message(past, bobs).get("erased").asBoolean()).isFalse();
        });
    }
}
