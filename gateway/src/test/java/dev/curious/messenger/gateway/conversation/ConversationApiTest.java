package dev.curious.messenger.gateway.conversation;

import static dev.curious.messenger.gateway.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.ThreeUsers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ConversationApiTest extends ThreeUsers {

    @Autowired
    JdbcClient jdbc;

    private Response start(User owner, String title, List<?> memberIds) {
        return api.post("/api/conversations", owner, Map.of("title", title, "memberIds", memberIds));
    }

    private Response patch(UUID conversation, User caller, String title) {
        return api.call("PATCH", "/api/conversations/" + conversation, caller.token(), Map.of("title", title));
    }

    private Response addMember(UUID conversation, User caller, User member) {
        return api.post("/api/conversations/" + conversation + "/members", caller, Map.of("userId", member.id()));
    }

    private Response removeMember(UUID conversation, User caller, User member) {
        return api.call(
                "DELETE", "/api/conversations/" + conversation + "/members/" + member.id(), caller.token(), null);
    }

    @Test
    void startsAConversationWithTheCallerAsOwnerAndAnswersItWithItsMembers() {
        Response started = start(ada, "  Lunch  ", List.of(bob.id(), cyd.id()));

        assertThat(started.status()).isEqualTo(201);
        JsonNode body = started.body();
        assertThat(started.headers().firstValue("Location"))
                .hasValue("/api/conversations/" + body.get("id").asText());
        assertThat(body.get("title").asText()).isEqualTo("Lunch");
        assertThat(body.get("ownerId").asText()).isEqualTo(ada.id().toString());
        assertThat(body.get("closed").asBoolean()).isFalse();
        assertThat(body.get("members"))
                .extracting(m -> m.get("nickname").asText())
                .containsExactlyInAnyOrder(ada.nickname(), bob.nickname(), cyd.nickname());
        assertThat(body.get("members"))
                .filteredOn(m -> m.get("owner").asBoolean())
                .singleElement()
                .satisfies(m ->
                        assertThat(m.get("userId").asText()).isEqualTo(ada.id().toString()));
        assertThat(body.get("members").get(0).get("joinedAt").asText()).endsWith("Z");
        assertThat(api.get("/api/conversations/" + body.get("id").asText(), bob).body())
                .isEqualTo(body);
    }

    @Test
    void refusesBadTitlesAndMemberListsWith400() {
        assertProblem(start(ada, "   ", List.of(bob.id())), 400, "TITLE_INVALID");
        assertProblem(start(ada, "x".repeat(101), List.of(bob.id())), 400, "TITLE_INVALID");
        assertProblem(start(ada, "Alone", List.of()), 400, "MEMBERS_INVALID");
        assertProblem(start(ada, "Myself", List.of(ada.id())), 400, "MEMBERS_INVALID");
        assertProblem(start(ada, "Ghost", List.of(UUID.randomUUID())), 400, "MEMBER_UNKNOWN");
        assertProblem(start(ada, "Bad id", List.of("not-a-uuid")), 400, "MALFORMED");
        assertProblem(api.post("/api/conversations", ada, "{\"title\": "), 400, "MALFORMED");
        assertThat(api.get("/api/conversations", ada).body()).isEmpty();
    }

    @Test
    void listsTheCallersConversationsNewestActivityFirstWithUnreadCountsAndLastMessage() {
        UUID older = api.start(ada, "Older", bob);
        UUID newer = api.start(ada, "Newer", bob);
        api.start(bob, "Not ada's", cyd);
        api.send(older, bob, "one");
        UUID last = api.send(older, bob, "two");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode list = api.get("/api/conversations", ada).body();
            assertThat(list).extracting(c -> c.get("title").asText()).containsExactly("Older", "Newer");
            assertThat(list.get(0).get("unreadCount").asLong()).isEqualTo(2);
            assertThat(list.get(0).get("lastMessage").get("id").asText()).isEqualTo(last.toString());
            assertThat(list.get(0).get("lastMessage").get("content").asText()).isEqualTo("two");
            assertThat(list.get(1).get("id").asText()).isEqualTo(newer.toString());
            assertThat(list.get(1).get("lastMessage").isNull()).isTrue();
            assertThat(list.get(1).get("ownerId").asText()).isEqualTo(ada.id().toString());
            assertThat(list.get(1).get("closed").asBoolean()).isFalse();
        });
        assertThat(api.get("/api/conversations?limit=1", ada).body()).hasSize(1);
        assertProblem(api.get("/api/conversations?limit=-1", ada), 400, "INPUT_INVALID");
    }

    @Test
    void hidesAConversationFromNonMembersWith404() {
        UUID conversation = api.start(ada, "Private", bob);

        assertProblem(api.get("/api/conversations/" + conversation, cyd), 404, "CONVERSATION_NOT_FOUND");
        assertProblem(api.get("/api/conversations/" + UUID.randomUUID(), cyd), 404, "CONVERSATION_NOT_FOUND");
        assertProblem(api.get("/api/conversations/not-a-uuid", cyd), 400, "INPUT_INVALID");
        assertProblem(patch(conversation, cyd, "Mine now"), 404, "NOT_A_MEMBER");
    }

    @Test
    void theOwnerRenamesAddsAndRemovesMembersAndOthersMayNot() {
        UUID conversation = api.start(ada, "Team", bob);

        assertThat(patch(conversation, ada, "Team 2").status()).isEqualTo(204);
        assertProblem(patch(conversation, bob, "Bob's"), 403, "NOT_OWNER");
        assertProblem(patch(conversation, ada, ""), 400, "TITLE_INVALID");
        assertProblem(addMember(conversation, bob, cyd), 403, "NOT_OWNER");
        assertThat(addMember(conversation, ada, cyd).status()).isEqualTo(204);
        assertProblem(api.post("/api/conversations/" + conversation + "/members", ada, Map.of()), 400, "INPUT_INVALID");
        assertProblem(
                api.post("/api/conversations/" + conversation + "/members", ada, Map.of("userId", UUID.randomUUID())),
                400,
                "MEMBER_UNKNOWN");
        assertProblem(removeMember(conversation, bob, cyd), 403, "NOT_OWNER");
        assertThat(removeMember(conversation, ada, cyd).status()).isEqualTo(204);
        assertProblem(removeMember(conversation, ada, cyd), 404, "MEMBER_NOT_FOUND");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode details =
                    api.get("/api/conversations/" + conversation, ada).body();
            assertThat(details.get("title").asText()).isEqualTo("Team 2");
            assertThat(details.get("members"))
                    .extracting(m -> m.get("userId").asText())
                    .containsExactlyInAnyOrder(ada.id().toString(), bob.id().toString());
        });
    }

    @Test
    void aMemberLeavesButTheOwnerCannot() {
        UUID conversation = api.start(ada, "Club", bob, cyd);

        assertThat(removeMember(conversation, bob, bob).status()).isEqualTo(204);
        assertProblem(removeMember(conversation, ada, ada), 409, "OWNER_CANNOT_LEAVE");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertProblem(
                        api.get("/api/conversations/" + conversation, bob), 404, "CONVERSATION_NOT_FOUND"));
    }

    @Test
    void aClosedConversationAcceptsNoMessageReactionMemberChangeOrRename() {
        UUID conversation = api.start(ada, "Done", bob);
        UUID message = api.send(conversation, bob, "last words");

        assertProblem(api.post("/api/conversations/" + conversation + "/close", bob, null), 403, "NOT_OWNER");
        assertThat(api.post("/api/conversations/" + conversation + "/close", ada, null)
                        .status())
                .isEqualTo(204);

        assertProblem(
                api.post("/api/conversations/" + conversation + "/messages", bob, Map.of("content", "more")),
                409,
                "CONVERSATION_CLOSED");
        assertProblem(
                api.call("PUT", "/api/messages/" + message + "/reactions/heart", ada.token(), null),
                409,
                "CONVERSATION_CLOSED");
        assertProblem(addMember(conversation, ada, cyd), 409, "CONVERSATION_CLOSED");
        assertProblem(removeMember(conversation, ada, bob), 409, "CONVERSATION_CLOSED");
        assertProblem(patch(conversation, ada, "Reopened"), 409, "CONVERSATION_CLOSED");
        assertThat(api.post("/api/conversations/" + conversation + "/seen", ada, Map.of("messageId", message))
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get("/api/conversations/" + conversation, ada)
                                .body()
                                .get("closed")
                                .asBoolean())
                        .isTrue());
    }

    @Test
    void recordsAnAttemptOnSomeoneElsesConversationInTheAuditLog() {
        UUID conversation = api.start(ada, "Private", bob);

        patch(conversation, cyd, "Hijacked");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT action, outcome FROM audit_log WHERE actor_id = ?"
                                        + " AND conversation_id = ?")
                                .params(cyd.id(), conversation)
                                .query((rs, row) -> rs.getString(1) + "/" + rs.getString(2))
                                .list())
                        .containsExactly("RenameConversation/Denied"));
    }
}
