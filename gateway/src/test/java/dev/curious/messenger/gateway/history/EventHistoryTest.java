package dev.curious.messenger.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventHistoryTest {

    @LocalServerPort
    int port;

    Api api;
    User analyst;
    User ada;
    User bob;

    @BeforeEach
    void people() {
        api = new Api(port);
        User admin = api.signIn("admin", "admin-password-1");
        analyst = api.registerWith("ANALYST", "analyst", admin);
        ada = api.register("ada");
        bob = api.register("bob");
    }

    private List<JsonNode> lines(String query, User user) throws Exception {
        Response response = api.get("/api/events" + query, user);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        return response.lines();
    }

    @Test
    void streamsTheStoredEventsAsEnvelopesInGlobalOrderWithTheContractsFilters() throws Exception {
        UUID conversation = api.start(ada, "History", bob);
        api.send(conversation, ada, "one");
        api.send(conversation, bob, "two");

        List<JsonNode> events = lines("?conversationId=" + conversation, analyst);

        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly("ConversationStarted", "MessageSent", "MessageSent");
        JsonNode sent = events.get(1);
        assertThat(sent.get("eventId").asText()).isNotBlank();
        assertThat(sent.get("version").asText()).isEqualTo("3");
        assertThat(events.get(0).get("version").asText()).isEqualTo("1");
        assertThat(sent.get("aggregateType").asText()).isEqualTo("Conversation");
        assertThat(sent.get("aggregateId").asText()).isEqualTo(conversation.toString());
        assertThat(events).extracting(e -> e.get("sequence").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(events)
                .extracting(e -> e.get("position").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(Instant.parse(sent.get("timestamp").asText()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(sent.get("payload").get("content").asText()).isEqualTo("one");
        assertThat(sent.get("payload").get("format").asText()).isEqualTo("text");
        assertThat(sent.get("metadata").get("userId").asText())
                .isEqualTo(ada.id().toString());
        assertThat(sent.get("metadata").get("correlationId").asText()).isNotBlank();
        assertThat(sent.get("metadata").get("causationId").asText()).isNotBlank();

        long first = events.get(0).get("position").asLong();
        assertThat(lines("?conversationId=" + conversation + "&after=" + first, analyst))
                .hasSize(2);
        assertThat(lines("?conversationId=" + conversation + "&type=MessageSent", analyst))
                .extracting(e -> e.get("payload").get("content").asText())
                .containsExactly("one", "two");
        assertThat(lines("?after=" + first + "&limit=1", analyst))
                .singleElement()
                .satisfies(e -> assertThat(e.get("position").asLong()).isGreaterThan(first));
        List<JsonNode> all = lines("", analyst);
        assertThat(all).extracting(e -> e.get("position").asLong()).isSorted();
        assertThat(all).extracting(e -> e.get("type").asText()).contains("UserRegistered", "RoleGranted");
        assertThat(all.toString()).doesNotContain(Api.PASSWORD);
    }

    @Test
    void onlyAnalystsAndAdminsReadTheHistory() {
        Response user = api.get("/api/events", ada);
        assertThat(user.status()).isEqualTo(403);
        assertThat(user.contentType()).startsWith("application/problem+json");
        assertThat(api.call("GET", "/api/events", null, null).status()).isEqualTo(401);
        assertThat(api.get("/api/events?limit=0", analyst).status()).isEqualTo(400);
        assertThat(api.get("/api/events?after=-5", analyst).status()).isEqualTo(400);
        assertThat(api.get("/api/events?conversationId=nope", analyst).status()).isEqualTo(400);
        assertThat(api.get("/api/events?limit=1", api.signIn("admin", "admin-password-1"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rebuildsAConversationAsItStoodAtATime() throws Exception {
        UUID conversation = api.start(ada, "Before", bob);
        api.send(conversation, ada, "one");
        api.call("PATCH", "/api/conversations/" + conversation, ada.token(), Map.of("title", "After"));
        User cyd = api.register("cyd");
        api.post("/api/conversations/" + conversation + "/members", ada, Map.of("userId", cyd.id()));
        api.send(conversation, cyd, "two");
        api.post("/api/conversations/" + conversation + "/close", ada, null);
        List<JsonNode> events = lines("?conversationId=" + conversation, analyst);
        Instant started = Instant.parse(events.get(0).get("timestamp").asText());
        Instant firstMessage = Instant.parse(events.get(1).get("timestamp").asText());
        String path = "/api/conversations/" + conversation + "/state?asOf=";

        Response before = api.get(path + started.minusMillis(1), analyst);
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.contentType()).startsWith("application/problem+json");

        JsonNode early = api.get(path + firstMessage, analyst).body();
        assertThat(early.get("title").asText()).isEqualTo("Before");
        assertThat(early.get("ownerId").asText()).isEqualTo(ada.id().toString());
        assertThat(early.get("memberIds"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(ada.id().toString(), bob.id().toString());
        assertThat(early.get("closed").asBoolean()).isFalse();
        assertThat(early.get("messageCount").asLong()).isEqualTo(1);
        assertThat(early.get("lastSequence").asLong()).isEqualTo(1);

        JsonNode now = api.get("/api/conversations/" + conversation + "/state", analyst)
                .body();
        assertThat(now.get("title").asText()).isEqualTo("After");
        assertThat(now.get("memberIds")).hasSize(3);
        assertThat(now.get("closed").asBoolean()).isTrue();
        assertThat(now.get("messageCount").asLong()).isEqualTo(2);
        assertThat(now.get("lastSequence").asLong()).isEqualTo(2);

        assertThat(api.get(path + "yesterday", analyst).status()).isEqualTo(400);
        assertThat(api.get("/api/conversations/" + UUID.randomUUID() + "/state", analyst)
                        .status())
                .isEqualTo(404);
        assertThat(api.get(path + firstMessage, ada).status()).isEqualTo(403);
    }
}
