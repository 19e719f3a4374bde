package dev.curious.messenger.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.api.frame.WatchFramesQuery;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stored frames reach every subscriber exactly once, in frameSeq order, whatever happens to the stream between the
 * query side and the gateway, and a client that was away resumes with {@code since} (STOMP) or {@code after} (REST).
 */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrameDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    QueryUpdateEmitter emitter;

    @Autowired
    JdbcClient jdbc;

    Api api;
    User ada;
    User bob;
    UUID conversation;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        ada = api.register("ada");
        bob = api.register("bob");
        conversation = api.start(ada, "Frames", bob);
    }

    private String topic() {
        return "/topic/conversations/" + conversation;
    }

    /** The stored frames among those received, in the order they came. */
    private static List<JsonNode> stored(List<JsonNode> frames) {
        return frames.stream().filter(f -> f.has("frameSeq")).toList();
    }

    private static void assertConsecutive(List<JsonNode> frames, long first) {
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).get("frameSeq").asLong())
                    .as("frame %d of %s", i, frames)
                    .isEqualTo(first + i);
        }
    }

    private List<JsonNode> collect(BlockingQueue<JsonNode> queue, int storedCount) throws InterruptedException {
        List<JsonNode> frames = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (stored(frames).size() < storedCount && System.nanoTime() < deadline) {
            JsonNode frame = queue.poll(200, TimeUnit.MILLISECONDS);
            if (frame != null) {
                frames.add(frame);
            }
        }
        // Nothing more than that comes.
        for (JsonNode frame = queue.poll(500, TimeUnit.MILLISECONDS);
                frame != null;
                frame = queue.poll(500, TimeUnit.MILLISECONDS)) {
            frames.add(frame);
        }
        return stored(frames);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everyFrameArrivesOnceAndInOrderWhileItsStreamIsCutUnderLoad() throws Exception {
        StompClient subscriber = StompClient.connect(port, bob.token());
        BlockingQueue<JsonNode> frames = subscriber.subscribe(topic());
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                sent.add(api.send(conversation, ada, "message " + i).toString());
                pause(40); // within the REST rate of one user
            }
        });
        sender.start();
        for (int cut = 0; cut < 6; cut++) {
            Thread.sleep(500);
            if (cut % 2 == 0) {
                emitter.complete(WatchFramesQuery.class, query -> true);
            } else {
                emitter.completeExceptionally(
                        WatchFramesQuery.class, query -> true, new IllegalStateException("cut " + cut));
            }
        }
        sender.join();

        List<JsonNode> received = collect(frames, 100);
        assertThat(received).hasSize(100);
        assertConsecutive(received, 1);
        assertThat(received.stream().map(f -> f.get("id").asText()).toList()).containsExactlyInAnyOrderElementsOf(sent);
        subscriber.close();
    }

    @Test
    void aClientAwayForTwoSecondsResumesWithSinceAndMissesNothing() throws Exception {
        StompClient first = StompClient.connect(port, bob.token());
        BlockingQueue<JsonNode> frames = first.subscribe(topic());
        for (int i = 0; i < 5; i++) {
            api.send(conversation, ada, "before " + i);
        }
        List<JsonNode> before = collect(frames, 5);
        long last = before.get(before.size() - 1).get("frameSeq").asLong();
        first.close();

        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int away = 0;
        while (System.nanoTime() < deadline) {
            api.send(conversation, ada, "while away " + away++);
            pause(100);
        }
        StompClient again = StompClient.connect(port, bob.token());
        BlockingQueue<JsonNode> resumed = again.subscribe(topic(), last);
        api.send(conversation, ada, "after");

        List<JsonNode> after = collect(resumed, away + 1);
        assertThat(after).hasSize(away + 1);
        assertConsecutive(after, last + 1);
        assertThat(after.get(after.size() - 1).get("content").asText()).isEqualTo("after");

        Response page = api.get("/api/conversations/" + conversation + "/frames?after=" + last + "&limit=200", bob);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("frames").size()).isEqualTo(away + 1);
        assertThat(page.body().get("frames").get(0).get("type").asText()).isEqualTo("MessageSent");
        assertThat(page.body().get("frames").get(0).get("frameSeq").asLong()).isEqualTo(last + 1);
        assertThat(page.body().get("next").asLong()).isEqualTo(last + away + 1);
        again.close();
    }

    /**
     * The list, the details and a page of messages each say the last frame they include: a client that subscribes
     * with it gets every later frame, and none of what it already read.
     */
    @Test
    void aReadsFrameSeqIsWhereItsSubscriptionResumes() throws Exception {
        UUID read = api.send(conversation, ada, "read by REST");
        String messages = "/api/conversations/" + conversation + "/messages";
        await().atMost(WAIT).until(() -> api.messagesById(messages, bob).containsKey(read.toString()));

        Response list = api.get("/api/conversations", bob);
        JsonNode item = list.body().get(0);
        assertThat(item.get("id").asText()).isEqualTo(conversation.toString());
        assertThat(item.get("lastMessage").get("id").asText()).isEqualTo(read.toString());
        long frameSeq = item.get("frameSeq").asLong();
        assertThat(frameSeq).isPositive();
        assertThat(api.get("/api/conversations/" + conversation, bob)
                        .body()
                        .get("frameSeq")
                        .asLong())
                .isEqualTo(frameSeq);
        assertThat(api.get(messages, bob).body().get("frameSeq").asLong()).isEqualTo(frameSeq);

        // Sent between the read and the subscription: the subscription from the read's frameSeq brings it.
        UUID between = api.send(conversation, ada, "between the read and the subscription");
        await().atMost(WAIT).until(() -> api.messagesById(messages, bob).containsKey(between.toString()));
        StompClient subscriber = StompClient.connect(port, bob.token());
        BlockingQueue<JsonNode> frames = subscriber.subscribe(topic(), frameSeq);
        UUID after = api.send(conversation, ada, "after the subscription");

        List<JsonNode> received = collect(frames, 2);
        assertThat(received.stream().map(f -> f.get("id").asText()).toList())
                .containsExactly(between.toString(), after.toString());
        assertConsecutive(received, frameSeq + 1);
        subscriber.close();
    }

    @Test
    void aRemovedMembersResumeGetsNothingAfterTheRemoval() throws Exception {
        User cyd = api.register("cyd");
        api.post(
                "/api/conversations/" + conversation + "/members",
                ada,
                Map.of("userId", cyd.id().toString()));
        api.send(conversation, ada, "while cyd is a member");
        api.call("DELETE", "/api/conversations/" + conversation + "/members/" + cyd.id(), ada.token(), null);
        api.send(conversation, ada, "after cyd left");

        try (RawStompSocket socket = RawStompSocket.connect(port, cyd.token())) {
            assertThat(socket.next("CONNECTED", 5_000)).isNotNull();
            socket.send("SUBSCRIBE\nid:0\ndestination:" + topic() + "\nsince:0\n\n\0");
            String answer = socket.next(5_000);
            assertThat(answer).startsWith("ERROR").contains("NOT_A_MEMBER").doesNotContain("after cyd left");
        }
        Response page = api.get("/api/conversations/" + conversation + "/frames?after=0", cyd);
        assertThat(page.status()).isEqualTo(404);
    }

    @Test
    void everySessionOfAUserIsNotified() throws Exception {
        StompClient firstTab = StompClient.connect(port, bob.token());
        StompClient secondTab = StompClient.connect(port, bob.token());
        BlockingQueue<JsonNode> first = firstTab.subscribe("/user/queue/notifications");
        BlockingQueue<JsonNode> second = secondTab.subscribe("/user/queue/notifications");
        UUID added = api.start(ada, "Two tabs", bob);
        for (BlockingQueue<JsonNode> tab : List.of(first, second)) {
            JsonNode note = StompClient.next(tab, "AddedToConversation", WAIT);
            assertThat(note.get("conversationId").asText()).isEqualTo(added.toString());
            assertThat(note.has("userId")).isFalse();
        }
        firstTab.close();
        secondTab.close();
    }

    @Test
    void framesPastTheRetentionAreGone() throws Exception {
        for (int i = 0; i < 4; i++) {
            api.send(conversation, ada, "old " + i);
        }
        await().atMost(WAIT)
                .until(() -> jdbc.sql("SELECT count(*) FROM chat_frames WHERE conversation_id = ?")
                                .param(conversation)
                                .query(Long.class)
                                .single()
                        == 4);
        // As the retention sweep leaves it: the first two frames removed.
        jdbc.sql("DELETE FROM chat_frames WHERE conversation_id = ? AND frame_seq <= 2")
                .param(conversation)
                .update();

        Response gone = api.get("/api/conversations/" + conversation + "/frames?after=0", bob);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(gone.body().get("oldestFrameSeq").asLong()).isEqualTo(3);
        assertThat(api.get("/api/conversations/" + conversation + "/frames?after=2", bob)
                        .body()
                        .get("frames")
                        .size())
                .isEqualTo(2);

        try (RawStompSocket socket = RawStompSocket.connect(port, bob.token())) {
            assertThat(socket.next("CONNECTED", 5_000)).isNotNull();
            socket.send("SUBSCRIBE\nid:0\ndestination:" + topic() + "\nsince:1\n\n\0");
            assertThat(socket.next("ERROR", 5_000)).contains("\"status\":410").contains("\"oldestFrameSeq\":3");
        }
    }
}
