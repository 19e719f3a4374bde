package dev.curious.messenger.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A bounded, seeded fuzz of the STOMP endpoint: malformed frames, broken JSON, oversized frames, odd destinations and
 * headers, each from a session of its own. No answer is a server error, the bystander's session is untouched and
 * receives nothing, and nothing is stored.
 */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StompFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = 80;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void malformedFramesAffectOnlyTheirSessionNeverFailTheServerAndStoreNothing() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Fuzzed", bob);
        StompClient bystander = StompClient.connect(port, bob.token());
        BlockingQueue<JsonNode> bystanderFrames = bystander.subscribe("/topic/conversations/" + conversation);
        long storedBefore = stored();
        Random random = new Random(20261122L);
        List<String> answers = new ArrayList<>();

        for (int i = 0; i < CASES; i++) {
            String frame = fuzzedFrame(random, conversation);
            try (RawStompSocket session = RawStompSocket.open(port)) {
                session.send(
                        "CONNECT\naccept-version:1.2\nhost:localhost\nAuthorization:Bearer " + ada.token() + "\n\n\0");
                session.send("SUBSCRIBE\nid:errors\ndestination:/user/queue/errors\n\n\0");
                session.send(frame);
                // Each answer within a moment: an ERROR frame, an error message, or nothing.
                for (String answer = session.next(100); answer != null; answer = session.next(100)) {
                    if (!answer.startsWith("CONNECTED")) {
                        answers.add(answer);
                    }
                }
            }
        }

        assertThat(answers).isNotEmpty();
        for (String answer : answers) {
            int body = answer.indexOf("\n\n");
            if (answer.startsWith("ERROR") || (answer.startsWith("MESSAGE") && answer.contains("\"type\":\"Error\""))) {
                String json = answer.substring(body + 2).replace("\0", "");
                if (!json.isBlank()) {
                    int status = JSON.readTree(json).path("status").asInt();
                    assertThat(status).as(answer).isBetween(400, 499);
                }
            }
        }
        assertThat(bystander.connected()).isTrue();
        assertThat(StompClient.changes(bystanderFrames, Duration.ofMillis(500))).isEmpty();
        assertThat(stored()).isEqualTo(storedBefore);
        // The endpoint still works for everyone.
        api.send(conversation, ada, "still here");
        assertThat(StompClient.next(bystanderFrames, "MessageSent", Duration.ofSeconds(10))
                        .get("content")
                        .asText())
                .isEqualTo("still here");
        bystander.close();
    }

    private long stored() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    /** One frame that must not be accepted as a message: broken STOMP, broken JSON, too large, or odd. */
    private static String fuzzedFrame(Random random, UUID conversation) throws IOException {
        String destination = "/app/conversations/" + conversation + "/messages";
        String valid = "{\"content\":\"hello\",\"clientMessageId\":\"c-1\"}";
        return switch (random.nextInt(8)) {
            case 0 -> garbage(random, 1 + random.nextInt(300));
            case 1 ->
                "SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + brokenJson(random, valid)
                        + "\0";
            case 2 ->
                "SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n{\"content\":\""
                        + "x".repeat(70_000 + random.nextInt(10_000)) + "\"}\0";
            case 3 ->
                "SEND\ndestination:/app/conversations/" + garbage(random, 8).replace('\n', '_')
                        + "/messages\ncontent-type:application/json\n\n" + valid.replace("hello", "") + "\0";
            case 4 -> "SEND\ndestination:/topic/conversations/" + conversation + "\n\n" + valid + "\0";
            case 5 -> "SUBSCRIBE\nid:x\ndestination:" + garbage(random, 20).replace('\n', '_') + "\n\n\0";
            case 6 ->
                "SEND\ndestination:" + destination + "\ncontent-length:" + (5 + random.nextInt(50)) + "\n\n{\"con\0";
            default -> "NOPE" + random.nextInt() + "\nweird\\qheader:\\x\n\n\0";
        };
    }

    private static String brokenJson(Random random, String valid) {
        while (true) {
            StringBuilder json = new StringBuilder(valid);
            int cut = random.nextInt(json.length());
            if (random.nextBoolean()) {
                json.setLength(cut);
            } else {
                json.setCharAt(cut, "{}[]\",:\\".charAt(random.nextInt(8)));
            }
            try {
                JSON.readTree(json.toString());
            } catch (IOException notJson) {
                return json.toString();
            }
        }
    }

    private static String garbage(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (1 + random.nextInt(126)));
        }
        return text.toString().replace("\0", "");
    }

    /**
     * A client's garbage is its own mistake: it gets an ERROR frame and its connection closes, and the server's log
     * has no ERROR line of it and none of its bytes (Spring's STOMP handler logged each at ERROR with an excerpt).
     */
    @Test
    void aHostileClientsGarbageWritesNoErrorLineAndNoneOfItsBytesToTheLog() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        User mallory = new Api(port).register("mallory");
        try {
            List<String> probes = List.of(
                    "SUBSCRIBE\nid:1\ndestination:/topic/x\\qPROBE-4\n\n\0",
                    "SEND\ndestination:/app/x\ncontent-type:not a type/PROBE-5\n\n{}\0",
                    "PROBE-6\n\n\0");
            for (String probe : probes) {
                try (RawStompSocket socket = RawStompSocket.connect(port, mallory.token())) {
                    assertThat(socket.next("CONNECTED", 5_000)).isNotNull();
                    socket.send(probe);
                    assertThat(socket.next("ERROR", 5_000)).as(probe).isNotNull();
                    assertThat(socket.closedWithin(5_000)).as(probe).isTrue();
                }
            }
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list)
                .filteredOn(line -> line.getLevel() == Level.ERROR)
                .as("ERROR lines")
                .isEmpty();
        assertThat(log.list).noneMatch(line -> line.getFormattedMessage().contains("PROBE"));
    }
}
