package dev.curious.messenger.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that stops reading does not grow the server's memory: what waits for it is bounded, then its session is
 * closed with a reason, and it resumes with {@code since}; the other members meanwhile get every frame on time. (The
 * REST rate is lifted so that one test can send 10,000 messages.)
 */
@SpringBootTest(
        classes = MessengerSystem.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"messenger.gateway.rest-per-second=100000", "messenger.gateway.rest-burst=100000"})
class SlowConsumerTest {

    private static final int FRAMES = 10_000;
    private static final int SENDERS = 4;
    /** About 3 KB a frame, 30 MB in all: far more than the sockets' buffers hold. */
    private static final String CONTENT = "slow ".repeat(600);

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    Sessions sessions;

    @Test
    void aSubscriberThatStopsReadingIsClosedWithAReasonAndResumesWhileTheOthersGetEveryFrameOnTime() throws Exception {
        Api api = new Api(port);
        User ada = api.register("ada");
        User bob = api.register("bob");
        User cyd = api.register("cyd");
        UUID conversation = api.start(ada, "Busy", bob, cyd);
        String topic = "/topic/conversations/" + conversation;

        StompClient bobClient = StompClient.connect(port, bob.token());
        Arrivals bobs = new Arrivals();
        bobClient.subscribeEach(topic, null, bobs::arrived);
        SlowSocket slow = SlowSocket.connect(port, cyd.token());
        assertThat(slow.next().text()).startsWith("CONNECTED");
        slow.send("SUBSCRIBE\nid:busy\ndestination:" + topic + "\nreceipt:busy\n\n\0");
        for (String frame = slow.next().text();
                !frame.startsWith("RECEIPT");
                frame = slow.next().text()) {
            assertThat(frame).startsWith("MESSAGE"); // the members online
        }
        long before = usedHeapAfterGc();

        // From here on Cyd reads nothing.
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> sending = new ArrayList<>();
        for (int sender = 0; sender < SENDERS; sender++) {
            int first = sender;
            sending.add(senders.submit(() -> {
                for (int i = first; i < FRAMES; i += SENDERS) {
                    api.send(conversation, ada, i + " " + CONTENT);
                }
            }));
        }
        // The server gives up on Cyd: the session is gone from this node, though its socket cannot say so yet.
        await().atMost(Duration.ofMinutes(2)).until(() -> sessions.of(cyd.id()).isEmpty());
        long whenGivenUp = usedHeapAfterGc();
        // Cyd reads again at once (the close frame waits behind what fills the socket): a run of frames from the
        // first, then the close, which says why.
        long last = 0;
        SlowSocket.Received received = slow.next();
        while (received != null && received.text() != null) {
            JsonNode frame = body(received.text());
            if (frame.has("frameSeq")) {
                assertThat(frame.get("frameSeq").asLong()).isEqualTo(last + 1);
                last = frame.get("frameSeq").asLong();
            }
            received = slow.next();
        }
        slow.close();
        assertThat(received).as("a close frame").isNotNull();
        assertThat(received.closeStatus()).isEqualTo(4500);
        assertThat(received.closeReason()).contains("resume with since");
        assertThat(last).as("what Cyd had read before the server gave up").isLessThan(FRAMES);

        for (Future<?> send : sending) {
            send.get();
        }
        senders.shutdown();
        await().atMost(WAIT).until(() -> bobs.count() == FRAMES);
        long afterAll = usedHeapAfterGc();

        // Resuming, Cyd gets the rest; a backlog over the send buffer may close it again, and it resumes again,
        // from where it got to, as a client does whenever its connection ends.
        long readByCyd = last;
        Arrivals rest = new Arrivals(readByCyd);
        int resumes = 0;
        while (rest.count() < FRAMES - readByCyd && resumes < 20) {
            resumes++;
            StompClient resumed = StompClient.connect(port, cyd.token());
            resumed.subscribeEachUnanswered(topic, rest.last(), rest::arrived);
            await().atMost(WAIT).until(() -> rest.count() == FRAMES - readByCyd || !resumed.connected());
            resumed.close();
        }
        assertThat(rest.count()).as("the rest, after %d resumes", resumes).isEqualTo(FRAMES - readByCyd);

        System.out.printf(
                "Slow consumer: %d frames of %d bytes; used heap after GC %d MB before, %d MB when the server gave up"
                        + " on the slow client (after frame %d), %d MB after all; Bob's longest wait %d ms;"
                        + " the rest in %d resumes%n",
                FRAMES,
                JSON.writeValueAsBytes(CONTENT).length,
                before >> 20,
                whenGivenUp >> 20,
                last,
                afterAll >> 20,
                bobs.longestGapMillis(),
                resumes);
        // What the server holds for the slow client is bounded by the send buffer; what was sent to it is 30 MB.
        long sentToCyd = (long) FRAMES * CONTENT.length();
        assertThat(whenGivenUp - before)
                .as("heap growth when the server gave up")
                .isLessThan(sentToCyd);
        assertThat(bobs.longestGapMillis())
                .as("Bob never waited long for the next frame")
                .isLessThan(5_000);
        bobClient.close();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static JsonNode body(String stompFrame) throws Exception {
        return JSON.readTree(
                stompFrame.substring(stompFrame.indexOf("\n\n") + 2).replace("\0", ""));
    }

    /** The stored frames of a subscription, counted as they come: consecutive, and how long between two. */
    private static final class Arrivals {
        private final AtomicLong last;
        private final long first;
        private volatile long arrivedAt = System.nanoTime();
        private volatile long longestGap;
        private volatile String wrong;

        Arrivals() {
            this(0);
        }

        Arrivals(long after) {
            this.first = after;
            this.last = new AtomicLong(after);
        }

        void arrived(JsonNode frame) {
            if (!frame.has("frameSeq")) {
                return;
            }
            long now = System.nanoTime();
            if (last.get() > first) {
                longestGap = Math.max(longestGap, now - arrivedAt);
            }
            arrivedAt = now;
            long seq = frame.get("frameSeq").asLong();
            if (seq != last.get() + 1 && wrong == null) {
                wrong = "frame " + seq + " after " + last.get();
            }
            last.set(seq);
        }

        long count() {
            assertThat(wrong).as("frames in order").isNull();
            return last.get() - first;
        }

        long last() {
            return last.get();
        }

        long longestGapMillis() {
            return longestGap / 1_000_000;
        }
    }
}
