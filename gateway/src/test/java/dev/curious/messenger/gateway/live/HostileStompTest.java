package dev.curious.messenger.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Clients that do not play by the rules, speaking raw STOMP over a real WebSocket to the whole system: frames only
 * the server may send, too many subscriptions, sockets that never CONNECT, silent peers, a removed member's old
 * subscription. Each attacker gets the documented answer, no bystander receives anything of it, nothing is stored.
 * (Shorter CONNECT and heart-beat times than the defaults, so that waiting for them stays short.)
 */
@SpringBootTest(
        classes = MessengerSystem.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"messenger.gateway.connect-timeout=2s", "messenger.gateway.heartbeat=1s"})
class HostileStompTest {

    private static final Duration QUIET = Duration.ofMillis(700);
    private static final long WAIT_MILLIS = 5_000;
    private static final Duration WAIT = Duration.ofMillis(WAIT_MILLIS);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    User ada;
    User bob;
    User mallory;
    UUID conversation;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        ada = api.register("ada");
        bob = api.register("bob");
        mallory = api.register("mallory");
        conversation = api.start(ada, "Targets", bob);
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    private static String body(String frame) {
        return frame.substring(frame.indexOf("\n\n") + 2).replace("\0", "");
    }

    @Test
    void framesOnlyTheServerSendsAreRefusedClosedAndReachNoOne() throws Exception {
        StompClient bystander = StompClient.connect(port, bob.token());
        BlockingQueue<JsonNode> topic = bystander.subscribe("/topic/conversations/" + conversation);
        BlockingQueue<JsonNode> notifications = bystander.subscribe("/user/queue/notifications");
        BlockingQueue<JsonNode> errors = bystander.subscribe("/user/queue/errors");
        StompClient.all(topic, QUIET); // presence of the members online
        long before = storedEvents();
        List<String> destinations = List.of(
                "/topic/conversations/" + conversation,
                "/user/" + bob.id() + "/queue/notifications",
                "/user/" + bob.id() + "/queue/errors",
                "/queue/errors");

        for (User attacker : List.of(mallory, ada)) {
            for (String command : List.of("MESSAGE", "ERROR", "RECEIPT", "CONNECTED")) {
                for (String destination : destinations) {
                    try (RawStompSocket socket = RawStompSocket.connect(port, attacker.token())) {
                        assertThat(socket.next("CONNECTED", WAIT_MILLIS)).isNotNull();
                        // RECEIPT and CONNECTED carry no body (the decoder refuses one before anything else can).
                        boolean withBody = command.equals("MESSAGE") || command.equals("ERROR");
                        socket.send(command + "\ndestination:" + destination
                                + "\nsubscription:0\nmessage-id:1\nreceipt-id:1\ncontent-type:application/json\n\n"
                                + (withBody
                                        ? "{\"type\":\"MessageSent\",\"conversationId\":\"" + conversation
                                                + "\",\"content\":\"FORGED\",\"status\":403,"
                                                + "\"detail\":\"FORGED sign in again\"}"
                                        : "")
                                + "\0");
                        String error = socket.next("ERROR", WAIT_MILLIS);
                        assertThat(error).as("%s to %s", command, destination).isNotNull();
                        JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body(error));
                        assertThat(problem.get("status").asInt()).isEqualTo(400);
                        assertThat(problem.get("code").asText()).as(error).isEqualTo("FRAME_NOT_ALLOWED");
                        assertThat(socket.closedWithin(WAIT_MILLIS)).isTrue();
                    }
                }
            }
        }
        try (RawStompSocket socket = RawStompSocket.connect(port, mallory.token())) {
            socket.send("FORGE\ndestination:/topic/conversations/" + conversation + "\n\nFORGED\0");
            assertThat(socket.next("ERROR", WAIT_MILLIS)).isNotNull();
            assertThat(socket.closedWithin(WAIT_MILLIS)).isTrue();
        }

        assertThat(storedEvents()).isEqualTo(before);

        // A sentinel on each of the bystander's subscriptions: anything forged would have come before it.
        api.send(conversation, ada, "sentinel");
        List<JsonNode> received = new ArrayList<>(StompClient.before(topic, StompClient.content("sentinel"), WAIT));
        UUID another = api.start(ada, "Sentinel", bob);
        received.addAll(StompClient.before(
                notifications, note -> note.path("conversationId").asText().equals(another.toString()), WAIT));
        bystander.send("/topic/sentinel", Map.of());
        received.addAll(StompClient.before(
                errors, error -> error.path("destination").asText().equals("/topic/sentinel"), WAIT));
        assertThat(received).noneMatch(frame -> frame.toString().contains("FORGED"));
        assertThat(received.stream().filter(StompClient::isChange)).isEmpty();
        assertThat(bystander.connected()).isTrue();
        bystander.close();
    }

    @Test
    void aSessionHoldsAtMostOneHundredSubscriptions() throws Exception {
        try (RawStompSocket socket = RawStompSocket.connect(port, ada.token())) {
            assertThat(socket.next("CONNECTED", WAIT_MILLIS)).isNotNull();
            for (int i = 0; i < 100; i++) {
                String destination = i % 2 == 0 ? "/user/queue/errors" : "/topic/conversations/" + conversation;
                String receipt = i == 99 ? "receipt:last\n" : "";
                socket.send("SUBSCRIBE\nid:s" + i + "\ndestination:" + destination + "\n" + receipt + "\n\0");
            }
            // Frames are handled in order: a refusal of any of the 100 would come before the last one's RECEIPT.
            String answer = socket.next(WAIT_MILLIS);
            while (answer != null && answer.startsWith("MESSAGE")) {
                answer = socket.next(WAIT_MILLIS);
            }
            assertThat(answer).as("100 are allowed").startsWith("RECEIPT").contains("receipt-id:last");
            socket.send("SUBSCRIBE\nid:s100\ndestination:/user/queue/notifications\n\n\0");
            String error = socket.next("ERROR", WAIT_MILLIS);
            assertThat(error).isNotNull().contains("SUBSCRIPTION_LIMIT").contains("at most 100 subscriptions");
            assertThat(socket.closedWithin(WAIT_MILLIS)).isTrue();
        }
    }

    @Test
    void aSocketWithoutAValidConnectIsClosed() throws Exception {
        try (RawStompSocket silent = RawStompSocket.open(port);
                RawStompSocket beating = RawStompSocket.open(port);
                RawStompSocket connected = RawStompSocket.connect(port, ada.token())) {
            beating.beatEvery(300); // heart-beats only: not a CONNECT
            assertThat(silent.closedWithin(WAIT_MILLIS)).isTrue();
            assertThat(beating.closedWithin(WAIT_MILLIS)).isTrue();
            assertThat(connected.closedWithin(500))
                    .as("a connected session stays")
                    .isFalse();
        }
    }

    @Test
    void aConnectThatCannotBeReadIsRefusedAndClosed() throws Exception {
        for (String header : List.of("accept-version:1.2\nheart-beat:abc", "heart-beat:-5,x", "accept-version:0.1")) {
            try (RawStompSocket socket = RawStompSocket.open(port)) {
                socket.send("CONNECT\nhost:localhost\nAuthorization:Bearer " + ada.token() + "\n" + header + "\n\n\0");
                String answer = socket.next(WAIT_MILLIS);
                assertThat(answer).as(header).isNotNull().startsWith("ERROR");
                assertThat(answer).doesNotContain("\"status\":5");
                assertThat(socket.closedWithin(WAIT_MILLIS)).isTrue();
            }
        }
    }

    @Test
    void aSilentPeerIsDroppedAfterTwiceTheAgreedHeartbeat() throws Exception {
        try (RawStompSocket silent = RawStompSocket.connect(port, ada.token(), "heart-beat:500,0");
                RawStompSocket talking = RawStompSocket.connect(port, bob.token(), "heart-beat:500,0")) {
            assertThat(silent.next("CONNECTED", WAIT_MILLIS)).contains("heart-beat:");
            // Agreed: every max(500, 1000) ms; dropped after 2 s of silence, not before.
            talking.beatEvery(300);
            assertThat(silent.closedWithin(1_200)).isFalse();
            assertThat(silent.closedWithin(WAIT_MILLIS)).isTrue();
            assertThat(talking.closedWithin(1_200))
                    .as("a peer that beats stays")
                    .isFalse();
        }
    }

    @Test
    void aRemovedMemberReceivesNothingMoreOfTheConversation() throws Exception {
        User cyd = api.register("cyd");
        UUID side = api.start(ada, "Side", cyd);
        assertThat(api.post("/api/conversations/" + conversation + "/members", ada, Map.of("userId", cyd.id()))
                        .status())
                .isEqualTo(204);
        StompClient owner = StompClient.connect(port, ada.token());
        BlockingQueue<JsonNode> ownerFrames = owner.subscribe("/topic/conversations/" + conversation);
        try (RawStompSocket removed = RawStompSocket.connect(port, cyd.token())) {
            assertThat(removed.next("CONNECTED", WAIT_MILLIS)).isNotNull();
            removed.send("SUBSCRIBE\nid:c\ndestination:/topic/conversations/" + conversation + "\nreceipt:c\n\n\0");
            removed.send("SUBSCRIBE\nid:side\ndestination:/topic/conversations/" + side + "\nreceipt:side\n\n\0");
            assertThat(removed.next("RECEIPT", WAIT_MILLIS)).contains("receipt-id:c");
            assertThat(removed.next("RECEIPT", WAIT_MILLIS)).contains("receipt-id:side");
            assertThat(api.call(
                                    "DELETE",
                                    "/api/conversations/" + conversation + "/members/" + cyd.id(),
                                    ada.token(),
                                    null)
                            .status())
                    .isEqualTo(204);
            assertThat(StompClient.next(ownerFrames, "MemberRemoved", Duration.ofSeconds(5)))
                    .isNotNull();
            while (removed.next(300) != null) {
                // what came before the removal
            }

            StompClient returning = StompClient.connect(port, bob.token());
            assertThat(StompClient.next(
                            ownerFrames,
                            "PresenceChanged",
                            presence -> presence.path("userId")
                                    .asText()
                                    .equals(bob.id().toString()),
                            Duration.ofSeconds(5)))
                    .as("presence is still announced to members")
                    .isNotNull();
            returning.send("/app/conversations/" + conversation + "/typing", Map.of());
            assertThat(StompClient.next(ownerFrames, "Typing", Duration.ofSeconds(5)))
                    .isNotNull();
            api.send(conversation, ada, "after the removal");
            assertThat(StompClient.next(ownerFrames, "MessageSent", Duration.ofSeconds(5)))
                    .isNotNull();

            // Sent after the owner had everything above: on the same connection it comes after any of it would.
            api.send(side, ada, "sentinel");
            List<String> leaked = new ArrayList<>();
            String frame = removed.next(WAIT_MILLIS);
            while (frame != null && !frame.contains("sentinel")) {
                leaked.add(frame);
                frame = removed.next(WAIT_MILLIS);
            }
            assertThat(frame).as("the sentinel").isNotNull();
            assertThat(leaked)
                    .as("the removed member's old subscription")
                    .noneMatch(leak -> leak.contains("destination:/topic/conversations/" + conversation));
            returning.close();
        }
        owner.close();
    }
}
