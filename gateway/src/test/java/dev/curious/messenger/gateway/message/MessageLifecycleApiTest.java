package dev.curious.messenger.gateway.message;

import static dev.curious.messenger.gateway.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.ThreeUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Editing, deleting, replying, mentioning, searching and the audited history of a message, through REST. */
class MessageLifecycleApiTest extends ThreeUsers {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    JdbcClient jdbc;

    UUID conversation;

    @BeforeEach
    void chat() {
        conversation = api.start(ada, "Chat", bob);
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(conversation.toString())
                .query(Long.class)
                .single();
    }

    private JsonNode message(User viewer, UUID id) {
        Response page = api.get("/api/conversations/" + conversation + "/messages", viewer);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        for (JsonNode message : page.body().get("messages")) {
            if (message.get("id").asText().equals(id.toString())) {
                return message;
            }
        }
        throw new AssertionError("No message " + id + " in " + page.text());
    }

    private Response edit(User user, UUID message, String content) {
        return api.call("PATCH", "/api/messages/" + message, user.token(), Map.of("content", content));
    }

    private Response delete(User user, UUID message) {
        return api.call("DELETE", "/api/messages/" + message, user.token(), null);
    }

    private UUID reply(User sender, String content, UUID replyTo) {
        Response accepted = api.post(
                "/api/conversations/" + conversation + "/messages",
                sender,
                Map.of("content", content, "replyTo", replyTo.toString()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return UUID.fromString(accepted.body().get("messageId").asText());
    }

    private List<String> search(User user, String query) {
        Response found = api.get("/api/search?q=" + query, user);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        found.body()
                .get("hits")
                .forEach(hit -> ids.add(hit.get("message").get("id").asText()));
        return ids;
    }

    @Test
    void theSenderEditsAndTheMessageShowsTheNewContentWithItsEditTime() {
        UUID message = api.send(conversation, ada, "lunch at noon?");
        await().atMost(WAIT).until(() -> message(bob, message) != null);

        assertThat(edit(ada, message, "  lunch at one?  ").status()).isEqualTo(204);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode shown = message(bob, message);
            assertThat(shown.get("content").asText()).isEqualTo("lunch at one?");
            assertThat(shown.get("editedAt").isNull()).isFalse();
        });
    }

    @Test
    void refusesEditsByOthersInvalidContentAndUnknownMessagesStoringNothing() {
        UUID message = api.send(conversation, ada, "mine");
        await().atMost(WAIT).until(() -> message(bob, message) != null);
        long stored = storedEvents();

        assertProblem(edit(bob, message, "yours now"), 403, "NOT_SENDER");
        assertProblem(edit(cyd, message, "a stranger's"), 404, "NOT_A_MEMBER");
        assertProblem(edit(ada, message, "   "), 400, "CONTENT_INVALID");
        assertProblem(edit(ada, message, "x".repeat(4001)), 400, "CONTENT_INVALID");
        assertProblem(edit(ada, UUID.randomUUID(), "nothing"), 404, "MESSAGE_NOT_FOUND");
        assertProblem(delete(bob, message), 403, "NOT_SENDER");
        assertProblem(delete(cyd, message), 404, "NOT_A_MEMBER");

        assertThat(storedEvents()).isEqualTo(stored);
        assertThat(message(ada, message).get("content").asText()).isEqualTo("mine");
    }

    @Test
    void theOwnerDeletesAnyonesMessageWhichKeepsItsPlaceWithoutContent() {
        UUID message = api.send(conversation, bob, "something rude");
        await().atMost(WAIT).until(() -> message(ada, message) != null);

        assertThat(delete(ada, message).status()).isEqualTo(204);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode shown = message(bob, message);
            assertThat(shown.get("deleted").asBoolean()).isTrue();
            assertThat(shown.get("content").isNull()).isTrue();
            assertThat(shown.get("sequence").asLong()).isEqualTo(1);
        });
        long stored = storedEvents();
        assertThat(delete(bob, message).status()).as("again").isEqualTo(204);
        assertThat(storedEvents()).isEqualTo(stored);
        assertProblem(edit(bob, message, "back"), 409, "MESSAGE_DELETED");

        UUID other = api.send(conversation, bob, "before the close");
        assertThat(api.post("/api/conversations/" + conversation + "/close", ada, null)
                        .status())
                .isEqualTo(204);
        assertProblem(edit(bob, other, "after the close"), 409, "CONVERSATION_CLOSED");
        assertProblem(delete(bob, other), 409, "CONVERSATION_CLOSED");
    }

    @Test
    void aReplyQuotesItsOriginalAsItIsNow() {
        UUID original = api.send(conversation, ada, "lunch at noon?");
        await().atMost(WAIT).until(() -> message(bob, original) != null);
        UUID reply = reply(bob, "yes!", original);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode quote = message(ada, reply).get("replyTo");
            assertThat(quote.get("messageId").asText()).isEqualTo(original.toString());
            assertThat(quote.get("senderNickname").asText()).isEqualTo(ada.nickname());
            assertThat(quote.get("excerpt").asText()).isEqualTo("lunch at noon?");
            assertThat(quote.get("deleted").asBoolean()).isFalse();
        });
        assertThat(message(ada, original).get("replyTo").isNull()).isTrue();

        edit(ada, original, "lunch at one?");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(message(bob, reply)
                                .get("replyTo")
                                .get("excerpt")
                                .asText())
                        .isEqualTo("lunch at one?"));
        delete(ada, original);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode quote = message(bob, reply).get("replyTo");
            assertThat(quote.get("deleted").asBoolean()).isTrue();
            assertThat(quote.get("excerpt").isNull()).isTrue();
        });

        // Nor do the stored frames hold it: a client resuming from the start reads no word of it.
        Response frames = api.get("/api/conversations/" + conversation + "/frames?after=0", bob);
        assertThat(frames.status()).isEqualTo(200);
        assertThat(frames.text()).doesNotContain("lunch at");
        List<String> types = new ArrayList<>();
        for (JsonNode frame : frames.body().get("frames")) {
            types.add(frame.get("type").asText());
            if (frame.get("type").asText().equals("MessageSent")
                    && frame.get("id").asText().equals(reply.toString())) {
                assertThat(frame.get("content").asText()).isEqualTo("yes!");
                assertThat(frame.get("replyTo").get("deleted").asBoolean()).isTrue();
            }
        }
        assertThat(types).containsSubsequence("MessageSent", "MessageSent", "MessageEdited", "MessageDeleted");
    }

    @Test
    void refusesAReplyToAMessageOfAnotherConversationWith400() {
        UUID elsewhere = api.send(api.start(ada, "Elsewhere", cyd), ada, "not here");
        long stored = storedEvents();

        Response refused = api.post(
                "/api/conversations/" + conversation + "/messages",
                bob,
                Map.of("content", "answer", "replyTo", elsewhere.toString()));

        assertProblem(refused, 400, "REPLY_INVALID");
        assertThat(refused.body().get("violations").get(0).get("field").asText())
                .isEqualTo("replyTo");
        assertProblem(
                api.post(
                        "/api/conversations/" + conversation + "/messages",
                        bob,
                        Map.of("content", "answer", "replyTo", "not-a-uuid")),
                400,
                "MALFORMED");
        assertThat(storedEvents()).isEqualTo(stored);
    }

    @Test
    void mentionsNameMembersOnly() {
        UUID message = api.send(conversation, ada, "@" + bob.nickname().toUpperCase() + " and @" + cyd.nickname());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(message(bob, message).get("mentions"))
                        .extracting(JsonNode::asText)
                        .containsExactly(bob.id().toString()));
    }

    @Test
    void searchFindsTheCallersMessagesNewestFirstAndRefusesAnEmptyQuery() {
        // The people are new to this test, so only its messages are theirs to find.
        String word = "kumquat";
        UUID first = api.send(conversation, ada, "a " + word + " tree");
        UUID second = api.send(conversation, bob, "two " + word + "s");
        UUID hidden = api.send(api.start(cyd, "Hidden", ada), cyd, "a " + word + " too");

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(search(bob, word)).containsExactly(second.toString(), first.toString()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(search(ada, word))
                        .containsExactly(hidden.toString(), second.toString(), first.toString()));
        Response found = api.get("/api/search?q=" + word + "&limit=1", bob);
        assertThat(found.body().get("hits").get(0).get("highlight").asText()).contains("<mark>");
        long nextBefore = found.body().get("nextBefore").asLong();
        assertThat(api.get("/api/search?q=" + word + "&before=" + nextBefore, bob)
                        .body()
                        .get("hits")
                        .get(0)
                        .get("message")
                        .get("id")
                        .asText())
                .isEqualTo(first.toString());

        assertProblem(api.get("/api/search?q=%20", bob), 400, "INPUT_INVALID");
        assertProblem(api.get("/api/search?q=" + "x".repeat(201), bob), 400, "INPUT_INVALID");
        assertProblem(
                api.get("/api/search?q=" + word + "&conversationId=" + UUID.randomUUID(), bob),
                404,
                "CONVERSATION_NOT_FOUND");
    }
}
