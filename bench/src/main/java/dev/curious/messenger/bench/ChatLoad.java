package dev.curious.messenger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conversations driven over loopback STOMP as people would: per conversation its sender sessions and its subscriber
 * sessions (all members), messages sent at a fixed rate round-robin over the conversations and their senders, and
 * every subscriber's {@code MessageSent} frame timed against its SEND. The split at the event's own time stamp
 * ({@code sentAt}, taken by the aggregate while handling the command) tells the command path from the projection
 * and push path.
 */
final class ChatLoad implements AutoCloseable {

    /** One measured stage: what was sent, what arrived, and the latencies in nanoseconds. */
    record Result(
            int rate, double sentPerSecond, long expected, long delivered, Stats total, Stats toEvent, Stats toFrame) {

        boolean complete() {
            return delivered >= expected;
        }

        void print() {
            System.out.printf(
                    "%5d msg/s (sent %.0f/s): %s  delivered %d/%d%n",
                    rate, sentPerSecond, total.summary(), delivered, expected);
            System.out.printf("        SEND → event stamped: %s%n", toEvent.summary());
            System.out.printf("        event → frame:        %s%n", toFrame.summary());
        }
    }

    private final List<String> destinations = new ArrayList<>();
    private final List<List<RawStomp>> senders = new ArrayList<>();
    private final List<RawStomp> subscribers = new ArrayList<>();
    private final int subscribersPerConversation;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> toEvent = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> toFrame = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    private long counter;
    private volatile long stageStart;

    private ChatLoad(int subscribersPerConversation) {
        this.subscribersPerConversation = subscribersPerConversation;
    }

    /** Registers the people, starts the conversations and connects every session. */
    static ChatLoad open(Loopback client, int conversations, int sendersEach, int subscribersEach) throws Exception {
        return open(client, client, conversations, sendersEach, subscribersEach);
    }

    /**
     * As {@link #open(Loopback, int, int, int)}, with the senders connected to {@code client} and the subscribers to
     * {@code subscriberNode} (another gateway node of the same deployment, or the same one).
     */
    static ChatLoad open(
            Loopback client, Loopback subscriberNode, int conversations, int sendersEach, int subscribersEach)
            throws Exception {
        ChatLoad load = new ChatLoad(subscribersEach);
        for (int c = 0; c < conversations; c++) {
            List<String> senderTokens = new ArrayList<>();
            List<String> readerTokens = new ArrayList<>();
            List<String> memberIds = new ArrayList<>();
            for (int i = 0; i < sendersEach; i++) {
                senderTokens.add(client.register("sender" + c + "x" + i));
            }
            for (int i = 0; i < subscribersEach; i++) {
                readerTokens.add(client.register("reader" + c + "x" + i));
            }
            for (String token : senderTokens.subList(1, senderTokens.size())) {
                memberIds.add(client.get("/api/users/me", token).get("id").asText());
            }
            for (String token : readerTokens) {
                memberIds.add(client.get("/api/users/me", token).get("id").asText());
            }
            String conversation = client.post(
                            "/api/conversations",
                            senderTokens.get(0),
                            Map.of("title", "Benchmark " + c, "memberIds", memberIds))
                    .body()
                    .get("id")
                    .asText();
            load.destinations.add("/app/conversations/" + conversation + "/messages");
            for (int i = 0; i < readerTokens.size(); i++) {
                boolean first = i == 0;
                RawStomp session =
                        RawStomp.connect(subscriberNode.port, readerTokens.get(i), frame -> load.arrived(frame, first));
                session.subscribe("s-" + c + "-" + i, "/topic/conversations/" + conversation);
                load.subscribers.add(session);
            }
            List<RawStomp> sessions = new ArrayList<>();
            for (String token : senderTokens) {
                sessions.add(RawStomp.connect(client.port, token, frame -> {}));
            }
            load.senders.add(sessions);
        }
        Thread.sleep(1_000);
        return load;
    }

    private void arrived(RawStomp.Frame frame, boolean firstSubscriber) {
        String body = frame.body();
        if (!body.contains("\"type\":\"MessageSent\"")) {
            return;
        }
        String id = field(body, "clientMessageId");
        Long sent = sentAt.get(id);
        if (sent == null || Long.parseLong(id.substring(1)) < stageStart) {
            return;
        }
        latencies.add(frame.arrivedAt() - sent);
        long event = NanoClock.at(field(body, "sentAt"));
        toFrame.add(frame.arrivedAt() - event);
        if (firstSubscriber) {
            toEvent.add(event - sent);
        }
        received.incrementAndGet();
    }

    /** A string field of a flat JSON object, without parsing the rest (the client shares the two cores). */
    private static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key) + key.length();
        return json.substring(start, json.indexOf('"', start));
    }

    /** Sends at {@code rate} messages/s for {@code seconds}, round-robin over conversations and their senders. */
    long send(int rate, int seconds) throws Exception {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        int conversations = destinations.size();
        for (long i = 0; i < total; i++) {
            long wait = start + i * period - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int conversation = (int) (i % conversations);
            List<RawStomp> sessions = senders.get(conversation);
            String id = "b" + (counter++);
            sentAt.put(id, System.nanoTime());
            sessions.get((int) ((i / conversations) % sessions.size()))
                    .send(
                            destinations.get(conversation),
                            "{\"content\":\"benchmark message\",\"clientMessageId\":\"" + id + "\"}");
        }
        return total;
    }

    /**
     * A short run at the rate to settle, then the measured run; waits up to {@code drainSeconds} for the last frames.
     */
    Result measure(int rate, int seconds, int drainSeconds) throws Exception {
        send(rate, 2);
        Thread.sleep(2_000);
        latencies.clear();
        toEvent.clear();
        toFrame.clear();
        received.set(0);
        stageStart = counter;
        long started = System.nanoTime();
        long sent = send(rate, seconds);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long expected = sent * subscribersPerConversation;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return new Result(
                rate,
                sent / elapsed,
                expected,
                received.get(),
                Stats.of(latencies),
                Stats.of(toEvent),
                Stats.of(toFrame));
    }

    @Override
    public void close() {
        senders.forEach(sessions -> sessions.forEach(RawStomp::close));
        subscribers.forEach(RawStomp::close);
    }

    /**
     * {@code count} more conversations that are watched and stay silent: one subscriber in each (100 subscriptions
     * a session, the most the gateway allows), so that what watching costs shows in the active conversations' rate.
     */
    void watchIdle(Loopback client, int count) throws Exception {
        if (count <= 0) {
            return;
        }
        String owner = client.register("idle-owner");
        String watcher = client.register("idle-watcher");
        String watcherId = client.get("/api/users/me", watcher).get("id").asText();
        RawStomp session = null;
        for (int c = 0; c < count; c++) {
            String conversation = client.post(
                            "/api/conversations", owner, Map.of("title", "Idle " + c, "memberIds", List.of(watcherId)))
                    .body()
                    .get("id")
                    .asText();
            if (c % 100 == 0) {
                session = RawStomp.connect(client.port, watcher, frame -> {});
                subscribers.add(session);
            }
            session.subscribe("idle-" + c, "/topic/conversations/" + conversation);
            if ((c + 1) % 1_000 == 0) {
                System.out.printf("%,d idle conversations watched%n", c + 1);
            }
        }
        Thread.sleep(2_000);
    }
}
