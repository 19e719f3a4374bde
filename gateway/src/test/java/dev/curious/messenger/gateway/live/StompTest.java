package dev.curious.messenger.gateway.live;

import static dev.curious.messenger.gateway.live.StompClient.next;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.ThreeUsers;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Real STOMP clients over real WebSockets against the whole system on a random port. */
class StompTest extends ThreeUsers {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    JwtEncoder tokens;

    final List<StompClient> clients = new ArrayList<>();

    @AfterEach
    void disconnect() {
        clients.forEach(StompClient::close);
    }

    private StompClient connect(User user) {
        StompClient client = StompClient.connect(port, user == null ? null : user.token());
        clients.add(client);
        return client;
    }

    private static String topic(UUID conversation) {
        return "/topic/conversations/" + conversation;
    }

    @Test
    void twoUsersChatAndEachFrameIsInTheReadModelWhenItArrives() throws Exception {
        UUID conversation = api.start(ada, "Chat", bob);
        StompClient adaClient = connect(ada);
        StompClient bobClient = connect(bob);
        BlockingQueue<JsonNode> adaFrames = adaClient.subscribe(topic(conversation));
        BlockingQueue<JsonNode> bobFrames = bobClient.subscribe(topic(conversation));

        adaClient.send(
                "/app/conversations/" + conversation + "/messages",
                Map.of("content", "Hi Bob", "clientMessageId", "a-1"));

        JsonNode sent = next(bobFrames, "MessageSent", WAIT);
        assertThat(sent.get("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(sent.get("content").asText()).isEqualTo("Hi Bob");
        assertThat(sent.get("clientMessageId").asText()).isEqualTo("a-1");
        assertThat(sent.get("sequence").asLong()).isEqualTo(1);
        assertThat(sent.get("senderId").asText()).isEqualTo(ada.id().toString());
        assertThat(sent.get("senderNickname").asText()).isEqualTo(ada.nickname());
        assertThat(sent.has("sentAt") && sent.has("reactions") && sent.has("seenBy") && sent.has("id"))
                .isTrue();
        assertThat(next(adaFrames, "MessageSent", WAIT).get("id")).isEqualTo(sent.get("id"));
        // Pushed only after the read model holds it: REST shows it at once.
        assertThat(api.get("/api/conversations/" + conversation + "/messages", bob)
                        .body()
                        .get("messages"))
                .extracting(m -> m.get("id").asText())
                .containsExactly(sent.get("id").asText());

        bobClient.send(
                "/app/conversations/" + conversation + "/seen",
                Map.of("messageId", sent.get("id").asText()));
        JsonNode seen = next(adaFrames, "MessagesSeen", WAIT);
        assertThat(seen.get("userId").asText()).isEqualTo(bob.id().toString());
        assertThat(seen.get("upToSequence").asLong()).isEqualTo(1);

        bobClient.send(
                "/app/messages/" + sent.get("id").asText() + "/reactions",
                Map.of("emojiKey", "heart", "action", "add"));
        JsonNode reaction = next(adaFrames, "ReactionAdded", WAIT);
        assertThat(reaction.get("emojiKey").asText()).isEqualTo("heart");
        assertThat(reaction.get("unicode").asText()).isEqualTo("\u2764\ufe0f");
        bobClient.send(
                "/app/messages/" + sent.get("id").asText() + "/reactions",
                Map.of("emojiKey", "heart", "action", "remove"));
        assertThat(next(adaFrames, "ReactionRemoved", WAIT).get("userId").asText())
                .isEqualTo(bob.id().toString());

        api.call("PATCH", "/api/conversations/" + conversation, ada.token(), Map.of("title", "Renamed"));
        assertThat(next(bobFrames, "ConversationRenamed", WAIT).get("title").asText())
                .isEqualTo("Renamed");
        api.post("/api/conversations/" + conversation + "/close", ada, null);
        assertThat(next(bobFrames, "ConversationClosed", WAIT).get("closedBy").asText())
                .isEqualTo(ada.id().toString());
    }

    @Test
    void anErasureTellsOpenPagesWhoseContentIsGone() throws Exception {
        UUID conversation = api.start(ada, "Erased", bob);
        StompClient bobClient = connect(bob);
        BlockingQueue<JsonNode> bobFrames = bobClient.subscribe(topic(conversation));
        api.send(conversation, ada, "soon gone");
        assertThat(next(bobFrames, "MessageSent", WAIT).get("content").asText()).isEqualTo("soon gone");

        assertThat(api.call("DELETE", "/api/users/" + ada.id() + "/content", ada.token(), null)
                        .status())
                .isEqualTo(204);

        JsonNode erased = next(bobFrames, "ContentErased", WAIT);
        assertThat(erased.get("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(erased.get("senderId").asText()).isEqualTo(ada.id().toString());
        assertThat(erased.has("frameSeq"))
                .as("a passing signal, not a stored frame")
                .isFalse();
        // By the time it arrives, the read model holds the erasure.
        assertThat(api.get("/api/conversations/" + conversation + "/messages", bob)
                        .body()
                        .get("messages")
                        .get(0)
                        .get("erased")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aNonMemberGetsAnErrorFrameOnSubscribeAndNothingElse() throws Exception {
        UUID conversation = api.start(ada, "Private", bob);
        api.send(conversation, ada, "not for cyd");
        StompClient cydClient = connect(cyd);
        assertThat(cydClient.connected()).isTrue();

        // Resuming from the start: a stored frame sent before the membership check would be in the queue.
        BlockingQueue<JsonNode> frames = cydClient.subscribeUnanswered(topic(conversation), 0L);

        JsonNode error = cydClient.awaitError(WAIT);
        assertThat(error).isNotNull();
        assertThat(error.get("status").asInt()).isEqualTo(404);
        assertThat(cydClient.awaitClosed(WAIT)).isTrue();
        assertThat(frames)
                .as("everything that came before the connection closed")
                .isEmpty();
    }

    @Test
    void aRemovedMemberStopsReceivingAtOnceAndIsNotified() throws Exception {
        UUID conversation = api.start(ada, "Team", bob, cyd);
        UUID side = api.start(ada, "Side", cyd);
        StompClient bobClient = connect(bob);
        StompClient cydClient = connect(cyd);
        BlockingQueue<JsonNode> bobFrames = bobClient.subscribe(topic(conversation));
        BlockingQueue<JsonNode> cydFrames = cydClient.subscribe(topic(conversation));
        BlockingQueue<JsonNode> cydSide = cydClient.subscribe(topic(side));
        BlockingQueue<JsonNode> cydNotes = cydClient.subscribe("/user/queue/notifications");
        api.send(conversation, ada, "before");
        assertThat(next(cydFrames, "MessageSent", WAIT).get("content").asText()).isEqualTo("before");

        api.call("DELETE", "/api/conversations/" + conversation + "/members/" + cyd.id(), ada.token(), null);
        api.send(conversation, ada, "after");

        JsonNode note = next(cydNotes, WAIT);
        assertThat(note.get("type").asText()).isEqualTo("RemovedFromConversation");
        assertThat(note.get("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(note.get("title").asText()).isEqualTo("Team");
        assertThat(next(bobFrames, "MemberRemoved", WAIT).get("userId").asText())
                .isEqualTo(cyd.id().toString());
        assertThat(next(bobFrames, "MessageSent", WAIT).get("content").asText()).isEqualTo("after");
        // Sent after "after" left the relay: on Cyd's connection it comes after anything of Team would have.
        api.send(side, ada, "sentinel");
        StompClient.before(cydSide, StompClient.content("sentinel"), WAIT);
        assertThat(StompClient.changes(cydFrames, Duration.ZERO)).isEmpty();
        assertThat(cydClient.connected()).isTrue();
    }

    @Test
    void aRejectedSendIsAnsweredOnTheSendersErrorQueueWithTheRestStatus() throws Exception {
        UUID conversation = api.start(ada, "Chat", bob);
        StompClient adaClient = connect(ada);
        StompClient cydClient = connect(cyd);
        BlockingQueue<JsonNode> adaErrors = adaClient.subscribe("/user/queue/errors");
        BlockingQueue<JsonNode> cydErrors = cydClient.subscribe("/user/queue/errors");
        BlockingQueue<JsonNode> adaFrames = adaClient.subscribe(topic(conversation));

        adaClient.send(
                "/app/conversations/" + conversation + "/messages",
                Map.of("content", " ", "clientMessageId", "empty-1"));
        cydClient.send(
                "/app/conversations/" + conversation + "/messages", Map.of("content", "hi", "clientMessageId", "x-1"));
        adaClient.sendRaw("/app/conversations/" + conversation + "/messages", "{oops".getBytes(StandardCharsets.UTF_8));

        JsonNode invalid = next(adaErrors, WAIT);
        assertThat(invalid.get("type").asText()).isEqualTo("Error");
        assertThat(invalid.get("status").asInt()).isEqualTo(400);
        assertThat(invalid.get("code").asText()).isEqualTo("CONTENT_INVALID");
        assertThat(invalid.get("clientMessageId").asText()).isEqualTo("empty-1");
        assertThat(invalid.get("destination").asText()).isEqualTo("/app/conversations/" + conversation + "/messages");
        assertThat(invalid.get("title").asText()).isNotBlank();
        assertThat(invalid.get("detail").asText()).isNotBlank();
        JsonNode notMember = next(cydErrors, WAIT);
        assertThat(notMember.get("status").asInt()).isEqualTo(404);
        assertThat(notMember.get("clientMessageId").asText()).isEqualTo("x-1");
        assertThat(next(adaErrors, WAIT).get("status").asInt()).isEqualTo(400);
        adaClient.send("/app/conversations/" + conversation + "/messages", Map.of("content", "sentinel"));
        assertThat(StompClient.changesBefore(adaFrames, StompClient.content("sentinel"), WAIT))
                .isEmpty();
        assertThat(adaClient.connected()).isTrue();
    }

    @Test
    void withoutAValidTokenThereIsNoConnection() throws Exception {
        StompClient anonymous = connect(null);
        StompClient forged = StompClient.connect(port, ada.token() + "x");
        clients.add(forged);

        for (StompClient client : List.of(anonymous, forged)) {
            assertThat(client.connected()).isFalse();
            JsonNode error = client.awaitError(WAIT);
            assertThat(error).isNotNull();
            assertThat(error.get("status").asInt()).isEqualTo(401);
            assertThat(client.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void aConnectionEndsWithTheFirstFrameAfterItsTokenExpired() throws Exception {
        UUID conversation = api.start(ada, "Short", bob);
        Instant now = Instant.now();
        String shortLived = tokens.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(),
                        JwtClaimsSet.builder()
                                .issuer("messenger")
                                .subject(ada.id().toString())
                                .claim("nickname", ada.nickname())
                                .claim("roles", List.of("USER"))
                                .issuedAt(now)
                                .expiresAt(now.plusSeconds(2))
                                .build()))
                .getTokenValue();
        StompClient adaClient = StompClient.connect(port, shortLived);
        clients.add(adaClient);
        assertThat(adaClient.connected()).isTrue();
        // The decoder allows a minute of clock skew, the connection does not.
        Thread.sleep(2_500);

        adaClient.send("/app/conversations/" + conversation + "/messages", Map.of("content", "too late"));

        JsonNode error = adaClient.awaitError(WAIT);
        assertThat(error).isNotNull();
        assertThat(error.get("status").asInt()).isEqualTo(401);
        assertThat(adaClient.awaitClosed(WAIT)).isTrue();
        assertThat(api.get("/api/conversations/" + conversation + "/messages", ada)
                        .body()
                        .get("messages"))
                .isEmpty();
    }

    @Test
    void notifiesUsersAddedToAConversation() throws Exception {
        StompClient bobClient = connect(bob);
        BlockingQueue<JsonNode> notes = bobClient.subscribe("/user/queue/notifications");

        UUID conversation = api.start(ada, "Welcome", bob);
        JsonNode added = next(notes, WAIT);
        UUID other = api.start(ada, "Later", cyd);
        api.post("/api/conversations/" + other + "/members", ada, Map.of("userId", bob.id()));

        assertThat(added.get("type").asText()).isEqualTo("AddedToConversation");
        assertThat(added.get("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(added.get("title").asText()).isEqualTo("Welcome");
        assertThat(next(notes, WAIT).get("conversationId").asText()).isEqualTo(other.toString());
    }

    @Test
    void presenceAndTypingReachTheMembersAndAreThrottled() throws Exception {
        UUID conversation = api.start(ada, "Presence", bob);
        StompClient bobClient = connect(bob);
        BlockingQueue<JsonNode> bobFrames = bobClient.subscribe(topic(conversation));

        StompClient adaClient = connect(ada);
        JsonNode online = next(
                bobFrames,
                "PresenceChanged",
                frame -> frame.get("userId").asText().equals(ada.id().toString()),
                WAIT);
        assertThat(online.get("online").asBoolean()).isTrue();
        assertThat(online.get("nickname").asText()).isEqualTo(ada.nickname());
        BlockingQueue<JsonNode> adaFrames = adaClient.subscribe(topic(conversation));
        // A new subscriber learns who is online now.
        List<String> onlineNow = new ArrayList<>();
        onlineNow.add(next(adaFrames, "PresenceChanged", WAIT).get("userId").asText());
        onlineNow.add(next(adaFrames, "PresenceChanged", WAIT).get("userId").asText());
        assertThat(onlineNow)
                .containsExactlyInAnyOrder(ada.id().toString(), bob.id().toString());

        adaClient.send("/app/conversations/" + conversation + "/typing", Map.of());
        adaClient.send("/app/conversations/" + conversation + "/typing", Map.of());
        adaClient.send("/app/conversations/" + conversation + "/messages", Map.of("content", "sentinel"));
        List<JsonNode> typings = StompClient.before(bobFrames, StompClient.content("sentinel"), WAIT).stream()
                .filter(frame -> frame.get("type").asText().equals("Typing"))
                .toList();
        assertThat(typings).as("the second within the interval is dropped").hasSize(1);
        JsonNode typing = typings.get(0);
        assertThat(typing.get("userId").asText()).isEqualTo(ada.id().toString());
        assertThat(typing.get("nickname").asText()).isEqualTo(ada.nickname());
        adaClient.close();

        JsonNode offline = next(
                bobFrames,
                "PresenceChanged",
                frame -> frame.get("userId").asText().equals(ada.id().toString()),
                WAIT);
        assertThat(offline.get("online").asBoolean()).isFalse();
    }

    /** The limit is in bytes: 17,000 four-byte characters are 68,000 bytes in 34,000 Java chars. */
    @ParameterizedTest
    @CsvSource({"x, 70000", "\ud83d\ude00, 17000"})
    void refusesFramesOver64KibWithAnErrorFrame(String character, int times) throws Exception {
        UUID conversation = api.start(ada, "Big", bob);
        StompClient adaClient = connect(ada);

        try {
            adaClient.sendRaw(
                    "/app/conversations/" + conversation + "/messages",
                    ("{\"content\": \"" + character.repeat(times) + "\"}").getBytes(StandardCharsets.UTF_8));
        } catch (MessageDeliveryException closedMidFrame) {
            // The server refuses the frame once it is over the limit and closes, maybe before the client wrote all.
        }

        JsonNode error = adaClient.awaitError(WAIT);
        assertThat(error).isNotNull();
        assertThat(error.get("status").asInt()).isEqualTo(413);
        assertThat(api.get("/api/conversations/" + conversation + "/messages", ada)
                        .body()
                        .get("messages"))
                .isEmpty();
    }

    @Test
    void framesUpTo64KibArriveWholeWhateverTheirCharacters() throws Exception {
        UUID conversation = api.start(ada, "Long", bob);
        StompClient adaClient = connect(ada);
        StompClient bobClient = connect(bob);
        BlockingQueue<JsonNode> frames = bobClient.subscribe(topic(conversation));
        BlockingQueue<JsonNode> errors = adaClient.subscribe("/user/queue/errors");
        // The gateway reads a WebSocket message in parts of 256 characters, through buffers of 256 to 1024 bytes that
        // end inside characters' bytes. 4,000 two-byte characters are 8 KB; 4,000 of three and four bytes 14 KB, and
        // each four-byte character is two Java chars.
        String longest = "\u00e9".repeat(4000);
        String widest = "\u20ac\ud83d\ude00".repeat(2000);
        assertThat(widest.codePointCount(0, widest.length())).isEqualTo(4000);

        for (String content : List.of(longest, widest)) {
            adaClient.sendRaw(
                    "/app/conversations/" + conversation + "/messages",
                    ("{\"content\": \"" + content + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(next(frames, "MessageSent", WAIT).get("content").asText())
                    .isEqualTo(content);
        }
        assertThat(api.get("/api/conversations/" + conversation + "/messages", bob)
                        .body()
                        .get("messages"))
                .extracting(message -> message.get("content").asText())
                .containsExactly(widest, longest);

        // 40 KB, and just under 64 KiB of four-byte characters, are still frames: the content rule answers them, and
        // the session stays.
        for (String content : List.of("x".repeat(40_000), "\ud83d\ude00".repeat(16_000))) {
            adaClient.sendRaw(
                    "/app/conversations/" + conversation + "/messages",
                    ("{\"content\": \"" + content + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(next(errors, WAIT).get("status").asInt()).isEqualTo(400);
        }
        assertThat(adaClient.connected()).isTrue();
    }

    @Test
    void declinesTheCompressionBrowsersOfferWhichWouldGiveEachSessionAZlibStream() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream()
                    .write(("GET /ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://localhost\r\n"
                                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            InputStream in = socket.getInputStream();
            for (int next = in.read(); next >= 0; next = in.read()) {
                head.append((char) next);
                if (head.toString().endsWith("\r\n\r\n")) {
                    break;
                }
            }

            assertThat(head.toString())
                    .startsWith("HTTP/1.1 101")
                    .doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
        }
    }

    @Test
    void aSessionOverItsSendRateGets429ErrorsAndStaysConnected() throws Exception {
        UUID conversation = api.start(ada, "Flood", bob);
        StompClient adaClient = connect(ada);
        BlockingQueue<JsonNode> errors = adaClient.subscribe("/user/queue/errors");

        for (int i = 0; i < 60; i++) {
            adaClient.send("/app/conversations/" + conversation + "/typing", Map.of());
        }

        JsonNode limited = next(errors, WAIT);
        assertThat(limited.get("status").asInt()).isEqualTo(429);
        assertThat(adaClient.connected()).isTrue();
    }

    @Test
    void clientsCannotPublishToTopicsDirectly() throws Exception {
        UUID conversation = api.start(ada, "Spoof", bob);
        StompClient adaClient = connect(ada);
        StompClient bobClient = connect(bob);
        BlockingQueue<JsonNode> errors = adaClient.subscribe("/user/queue/errors");
        BlockingQueue<JsonNode> bobFrames = bobClient.subscribe(topic(conversation));

        adaClient.send(topic(conversation), Map.of("type", "MessageSent", "content", "fake"));

        assertThat(next(errors, WAIT).get("status").asInt()).isEqualTo(403);
        adaClient.send("/app/conversations/" + conversation + "/messages", Map.of("content", "sentinel"));
        assertThat(StompClient.changesBefore(bobFrames, StompClient.content("sentinel"), WAIT))
                .isEmpty();
    }

    @Test
    void editsDeletesRepliesAndMentionsGoOverStompWithTheirFrames() throws Exception {
        UUID conversation = api.start(ada, "Lifecycle", bob, cyd);
        StompClient adaClient = connect(ada);
        StompClient bobClient = connect(bob);
        StompClient cydClient = connect(cyd);
        BlockingQueue<JsonNode> adaFrames = adaClient.subscribe(topic(conversation));
        BlockingQueue<JsonNode> bobErrors = bobClient.subscribe("/user/queue/errors");
        // Cyd has no subscription of the conversation open: mentions reach her all the same.
        BlockingQueue<JsonNode> cydNotes = cydClient.subscribe("/user/queue/notifications");
        BlockingQueue<JsonNode> adaNotes = adaClient.subscribe("/user/queue/notifications");

        adaClient.send("/app/conversations/" + conversation + "/messages", Map.of("content", "lunch at noon?"));
        JsonNode original = next(adaFrames, "MessageSent", WAIT);
        String originalId = original.get("id").asText();
        assertThat(original.get("replyTo").isNull()).isTrue();
        assertThat(original.get("mentions")).isEmpty();

        bobClient.send(
                "/app/conversations/" + conversation + "/messages",
                Map.of("content", "@" + cyd.nickname() + " are you in?", "replyTo", originalId));
        JsonNode reply = next(adaFrames, "MessageSent", WAIT);
        assertThat(reply.get("replyTo").get("messageId").asText()).isEqualTo(originalId);
        assertThat(reply.get("replyTo").get("excerpt").asText()).isEqualTo("lunch at noon?");
        assertThat(reply.get("replyTo").get("senderNickname").asText()).isEqualTo(ada.nickname());
        assertThat(reply.get("mentions"))
                .extracting(JsonNode::asText)
                .containsExactly(cyd.id().toString());
        JsonNode mentioned = next(cydNotes, "Mentioned", WAIT);
        assertThat(mentioned.get("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(mentioned.get("messageId").asText())
                .isEqualTo(reply.get("id").asText());
        assertThat(mentioned.get("by").asText()).isEqualTo(bob.id().toString());
        assertThat(mentioned.has("userId"))
                .as("only the mentioned user receives it")
                .isFalse();

        // The edit names Bob (and Ada herself): Bob is told, Ada is not.
        BlockingQueue<JsonNode> bobNotes = bobClient.subscribe("/user/queue/notifications");
        String editedContent = "lunch at one, @" + bob.nickname() + "? (@" + ada.nickname() + ")";
        adaClient.send("/app/messages/" + originalId + "/edit", Map.of("content", editedContent));
        JsonNode edited = next(adaFrames, "MessageEdited", WAIT);
        assertThat(edited.get("messageId").asText()).isEqualTo(originalId);
        assertThat(edited.get("content").asText()).isEqualTo(editedContent);
        assertThat(edited.get("mentions"))
                .extracting(JsonNode::asText)
                .containsExactly(bob.id().toString(), ada.id().toString());
        JsonNode bobMentioned = next(bobNotes, "Mentioned", WAIT);
        assertThat(bobMentioned.get("messageId").asText()).isEqualTo(originalId);
        assertThat(bobMentioned.get("by").asText()).isEqualTo(ada.id().toString());
        assertThat(edited.get("frameSeq").asLong())
                .isEqualTo(reply.get("frameSeq").asLong() + 1);

        // Bob may not edit Ada's message: an error on his queue, no frame.
        bobClient.send("/app/messages/" + originalId + "/edit", Map.of("content", "hijacked"));
        JsonNode refused = next(bobErrors, WAIT);
        assertThat(refused.get("status").asInt()).isEqualTo(403);
        assertThat(refused.get("code").asText()).isEqualTo("NOT_SENDER");
        assertThat(refused.get("destination").asText()).isEqualTo("/app/messages/" + originalId + "/edit");

        bobClient.send("/app/messages/" + reply.get("id").asText() + "/delete", Map.of());
        // Bob's SENDs are handled in order: a frame of the refused edit would come before the deletion.
        List<JsonNode> upToDeletion =
                StompClient.upTo(adaFrames, frame -> frame.path("type").asText().equals("MessageDeleted"), WAIT);
        JsonNode deleted = upToDeletion.get(upToDeletion.size() - 1);
        assertThat(upToDeletion.stream().filter(StompClient::isChange))
                .as("nothing of the refused edit")
                .containsExactly(deleted);
        assertThat(deleted.get("messageId").asText()).isEqualTo(reply.get("id").asText());
        assertThat(deleted.get("deletedBy").asText()).isEqualTo(bob.id().toString());
        assertThat(deleted.get("frameSeq").asLong())
                .isEqualTo(edited.get("frameSeq").asLong() + 1);

        // Later mentions are the sentinels on the notification queues: what the edit caused came before them.
        bobClient.send(
                "/app/conversations/" + conversation + "/messages", Map.of("content", "noted, @" + ada.nickname()));
        adaClient.send(
                "/app/conversations/" + conversation + "/messages", Map.of("content", "see you, @" + bob.nickname()));
        assertThat(StompClient.before(
                        adaNotes,
                        note -> bob.id().toString().equals(note.path("by").asText()),
                        WAIT))
                .as("a sender is not told of their own mention")
                .isEmpty();
        assertThat(StompClient.before(
                        bobNotes, note -> !note.path("messageId").asText().equals(originalId), WAIT))
                .as("Bob was told once")
                .isEmpty();
    }
}
