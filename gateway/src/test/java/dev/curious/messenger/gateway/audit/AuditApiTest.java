package dev.curious.messenger.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.api.message.DeleteMessage;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.ThreeUsers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuditApiTest extends ThreeUsers {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    CommandGateway commands;

    User auditor;

    @BeforeEach
    void people() {
        User admin = api.signIn("admin", "admin-password-1");
        auditor = api.registerWith("AUDITOR", "auditor", admin);
    }

    private List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.get("entries")
                .forEach(e -> actions.add(
                        e.get("action").asText() + "/" + e.get("outcome").asText()));
        return actions;
    }

    @Test
    void anAuditorReadsAnyConversationAndItsMessagesWithDeletedOnesMarked() {
        Instant before = Instant.now().minusSeconds(1);
        UUID conversation = api.start(ada, "Private", bob);
        UUID kept = api.send(conversation, ada, "kept");
        UUID deleted = api.send(conversation, ada, "regretted");
        commands.sendAndWait(new DeleteMessage(conversation, deleted, ada.id()));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode list = api.get("/api/audit/conversations?memberId=" + ada.id() + "&from=" + before, auditor)
                    .body();
            assertThat(list).extracting(c -> c.get("id").asText()).containsExactly(conversation.toString());
            assertThat(list.get(0).get("memberIds")).hasSize(2);
            assertThat(list.get(0).get("messageCount").asLong()).isEqualTo(2);
        });
        assertThat(api.get("/api/audit/conversations?memberId=" + cyd.id(), auditor)
                        .body())
                .isEmpty();
        assertThat(api.get("/api/audit/conversations/" + conversation, auditor)
                        .body()
                        .get("title")
                        .asText())
                .isEqualTo("Private");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode messages = api.get("/api/audit/conversations/" + conversation + "/messages", auditor)
                    .body()
                    .get("messages");
            assertThat(messages.get(0).get("id").asText()).isEqualTo(deleted.toString());
            assertThat(messages.get(0).get("deleted").asBoolean()).isTrue();
            assertThat(messages.get(0).get("content").isNull()).isTrue();
            assertThat(messages.get(1).get("id").asText()).isEqualTo(kept.toString());
            assertThat(messages.get(1).get("content").asText()).isEqualTo("kept");
        });
        assertThat(api.get("/api/audit/conversations/" + UUID.randomUUID(), auditor)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theLogShowsStoredEventsDeniedAttemptsRejectedCommandsAndEveryAuditQuery() {
        UUID conversation = api.start(ada, "Watched", bob);
        api.send(conversation, ada, "hello");
        api.call("PATCH", "/api/conversations/" + conversation, cyd.token(), Map.of("title", "Mine"));
        api.post("/api/conversations/" + conversation + "/messages", bob, Map.of("content", " "));
        assertThat(api.get("/api/audit/log", ada).status()).isEqualTo(403);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode log = api.get("/api/audit/log?conversationId=" + conversation, auditor)
                    .body();
            assertThat(actions(log))
                    .contains(
                            "ConversationStarted/Stored",
                            "MessageSent/Stored",
                            "RenameConversation/Denied",
                            "SendMessage/Rejected");
        });
        JsonNode denied = api.get("/api/audit/log?actorId=" + cyd.id() + "&type=RenameConversation", auditor)
                .body();
        assertThat(denied.get("entries")).singleElement().satisfies(entry -> {
            assertThat(entry.get("conversationId").asText()).isEqualTo(conversation.toString());
            assertThat(entry.get("at").asText()).endsWith("Z");
            assertThat(entry.get("correlationId").asText()).isNotBlank();
        });
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(actions(api.get("/api/audit/log?actorId=" + auditor.id() + "&type=AuditQuery", auditor)
                            .body()))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(action -> action.equals("AuditQuery/Answered"));
            assertThat(actions(api.get("/api/audit/log?actorId=" + ada.id(), auditor)
                            .body()))
                    .contains("GET /api/audit/log/Denied");
        });
    }

    @Test
    void aCallRefusedForItsRolesIsAuditedUnderTheRequestsOwnId() {
        String requestId = "refused-" + UUID.randomUUID();
        Response refused = api.send(HttpRequest.newBuilder(URI.create(api.url("/api/audit/log")))
                .header("Authorization", "Bearer " + ada.token())
                .header("X-Request-Id", requestId)
                .GET()
                .build());
        assertThat(refused.status()).isEqualTo(403);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.get("/api/audit/log?actorId=" + ada.id(), auditor)
                                .body()
                                .get("entries"))
                        .anySatisfy(entry -> {
                            assertThat(entry.get("action").asText()).isEqualTo("GET /api/audit/log");
                            assertThat(entry.get("correlationId").asText()).isEqualTo(requestId);
                        }));
    }

    @Test
    void aUsersActivityListsWhatTheyDidInTheWindow() {
        Instant from = Instant.now().minusSeconds(1);
        UUID conversation = api.start(ada, "Busy", bob);
        api.send(conversation, ada, "one");
        api.send(conversation, ada, "two");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                actions(api.get("/api/audit/users/" + ada.id() + "/activity?from=" + from, auditor)
                                        .body()))
                        .containsSubsequence("ConversationStarted/Stored", "MessageSent/Stored", "MessageSent/Stored"));
        assertThat(api.get("/api/audit/users/" + ada.id() + "/activity?to=" + from, auditor)
                        .body()
                        .get("entries"))
                .allSatisfy(e -> assertThat(e.get("action").asText()).isNotEqualTo("MessageSent"));
        Response badTime = api.get("/api/audit/users/" + ada.id() + "/activity?from=yesterday", auditor);
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/audit/users/" + ada.id() + "/activity", bob).status())
                .isEqualTo(403);
    }

    @Test
    void anAuditorReadsEveryVersionOfAMessageFromTheEventsAndTheReadIsAudited() {
        UUID conversation = api.start(ada, "Edited", bob);
        UUID message = api.send(conversation, bob, "first draft");
        api.send(conversation, ada, "in between");
        await().atMost(WAIT)
                .until(() -> api.call("PATCH", "/api/messages/" + message, bob.token(), Map.of("content", "second"))
                                .status()
                        == 204);
        assertThat(api.call("DELETE", "/api/messages/" + message, ada.token(), null)
                        .status())
                .as("the owner moderates")
                .isEqualTo(204);

        Response history = api.get("/api/audit/messages/" + message + "/history", auditor);

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.body().get("conversationId").asText()).isEqualTo(conversation.toString());
        JsonNode versions = history.body().get("versions");
        assertThat(versions).extracting(v -> v.get("action").asText()).containsExactly("Sent", "Edited", "Deleted");
        assertThat(versions.get(0).get("content").asText()).isEqualTo("first draft");
        assertThat(versions.get(0).get("by").asText()).isEqualTo(bob.id().toString());
        assertThat(versions.get(0).get("sentAt").isNull()).isFalse();
        assertThat(versions.get(1).get("content").asText()).isEqualTo("second");
        assertThat(versions.get(1).get("editedAt").isNull()).isFalse();
        assertThat(versions.get(2).get("content").isNull()).isTrue();
        assertThat(versions.get(2).get("deletedAt").isNull()).isFalse();
        assertThat(versions.get(2).get("by").asText()).isEqualTo(ada.id().toString());

        assertThat(api.get("/api/audit/messages/" + message + "/history", bob).status())
                .isEqualTo(403);
        assertThat(api.get("/api/audit/messages/" + UUID.randomUUID() + "/history", auditor)
                        .status())
                .isEqualTo(404);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(actions(api.get(
                                        "/api/audit/log?actorId=" + auditor.id() + "&conversationId=" + conversation,
                                        auditor)
                                .body()))
                        .contains("AuditQuery/Answered"));
    }

    @Test
    void anAuditorExportsAConversationAsNdjsonOrCsvAndTheExportIsAudited() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        UUID conversation = api.start(ada, "Exported", bob);
        UUID plain = api.send(conversation, ada, "plain");
        UUID tricky = api.send(conversation, bob, "=1+1, \"quoted\"\nand a new line");
        UUID gone = api.send(conversation, ada, "regretted");
        await().atMost(WAIT)
                .until(() ->
                        api.call("PATCH", "/api/messages/" + plain, ada.token(), Map.of("content", "plain, edited"))
                                        .status()
                                == 204);
        api.call("DELETE", "/api/messages/" + gone, ada.token(), null);
        api.call("PUT", "/api/messages/" + tricky + "/reactions/heart", ada.token(), null);
        api.post("/api/conversations/" + conversation + "/seen", bob, Map.of("messageId", gone.toString()));

        await().atMost(WAIT).untilAsserted(() -> {
            Response ndjson = api.get("/api/audit/conversations/" + conversation + "/export?from=" + from, auditor);
            assertThat(ndjson.status()).isEqualTo(200);
            assertThat(ndjson.contentType()).startsWith("application/x-ndjson");
            List<JsonNode> lines = ndjson.lines();
            assertThat(lines).extracting(l -> l.get("sequence").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(lines.get(0).get("content").asText()).isEqualTo("plain, edited");
            assertThat(lines.get(0).get("editedAt").isNull()).isFalse();
            assertThat(lines.get(1).get("reactions").get(0).get("emojiKey").asText())
                    .isEqualTo("heart");
            assertThat(lines.get(2).get("deleted").asBoolean()).isTrue();
            assertThat(lines.get(2).get("content").isNull()).isTrue();
            assertThat(lines.get(0).get("seenBy").get(0).get("userId").asText())
                    .isEqualTo(bob.id().toString());
        });

        Response csv = api.get("/api/audit/conversations/" + conversation + "/export?format=csv", auditor);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text())
                .startsWith("sequence,messageId,senderId,")
                .contains("\"'=1+1, \"\"quoted\"\"\nand a new line\"")
                .contains("heart:" + ada.id())
                .contains("\"plain, edited\"");
        assertThat(csv.text().split("\r\n")).hasSize(4);

        assertThat(api.get("/api/audit/conversations/" + conversation + "/export?to=" + from, auditor)
                        .text())
                .as("nothing sent before the window")
                .isEmpty();
        assertThat(api.get("/api/audit/conversations/" + conversation + "/export?format=xml", auditor)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/audit/conversations/" + UUID.randomUUID() + "/export", auditor)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/audit/conversations/" + conversation + "/export", bob)
                        .status())
                .isEqualTo(403);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(actions(api.get(
                                        "/api/audit/log?actorId=" + auditor.id() + "&conversationId=" + conversation,
                                        auditor)
                                .body()))
                        .contains("AuditQuery/Answered"));
    }
}
