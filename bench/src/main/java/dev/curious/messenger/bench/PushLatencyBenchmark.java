package dev.curious.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Send → push latency: starts the standalone jar as its own JVM on a fresh embedded PostgreSQL, connects one sender
 * and N subscribers over loopback STOMP, sends at fixed rates and measures, per subscriber frame, the time from the
 * SEND to the MessageSent frame (which the gateway pushes only after the read model holds the message).
 */
final class PushLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PushLatencyBenchmark() {}

    static void run(String[] args) throws Exception {
        List<Integer> rates = new ArrayList<>(List.of(50, 200, 1000));
        int seconds = 10;
        int subscribers = 10;
        Path jar = Path.of("standalone/target/messenger.jar");
        for (String arg : args) {
            if (arg.startsWith("--rates=")) {
                rates.clear();
                for (String rate : arg.substring(8).split(",")) {
                    rates.add(Integer.parseInt(rate));
                }
            } else if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--subscribers=")) {
                subscribers = Integer.parseInt(arg.substring(14));
            } else if (arg.startsWith("--jar=")) {
                jar = Path.of(arg.substring(6));
            }
        }
        int port = Loopback.freePort();
        Path data = Files.createTempDirectory("messenger-bench");
        Process system = Loopback.start(
                jar,
                port,
                data,
                "system.log",
                Map.of(),
                "--messenger.embedded-postgres.data-dir=" + data.resolve("postgres"));
        System.out.println("system up on port " + port + ", log in " + data.resolve("system.log"));
        Loopback client = new Loopback(port);
        try {
            String senderToken = client.register("sender");
            List<String> tokens = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                String token = client.register("reader" + i);
                tokens.add(token);
                ids.add(client.get("/api/users/me", token).get("id").asText());
            }
            String conversation = client.post(
                            "/api/conversations", senderToken, Map.of("title", "Benchmark", "memberIds", ids))
                    .body()
                    .get("id")
                    .asText();

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong received = new AtomicLong();
            List<RawStomp> sessions = new ArrayList<>();
            for (String token : tokens) {
                RawStomp session = RawStomp.connect(port, token, frame -> {
                    try {
                        JsonNode message = JSON.readTree(frame.body());
                        if (message.path("type").asText().equals("MessageSent")) {
                            Long sent =
                                    sentAt.get(message.path("clientMessageId").asText());
                            if (sent != null) {
                                latencies.add(frame.arrivedAt() - sent);
                                received.incrementAndGet();
                            }
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                session.subscribe("s-" + sessions.size(), "/topic/conversations/" + conversation);
                sessions.add(session);
            }
            RawStomp sender = RawStomp.connect(port, senderToken, frame -> {});
            Thread.sleep(1_000);
            System.out.printf("push latency: %d subscribers, %d s per rate, one conversation%n", subscribers, seconds);
            long counter = 0;
            for (int rate : rates) {
                // Warm-up at the rate, then the measured run.
                counter = send(sender, conversation, rate, 2, sentAt, counter);
                Thread.sleep(2_000);
                latencies.clear();
                received.set(0);
                long before = counter;
                long started = System.nanoTime();
                counter = send(sender, conversation, rate, seconds, sentAt, counter);
                double elapsed = (System.nanoTime() - started) / 1e9;
                long expected = (counter - before) * subscribers;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (received.get() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                long[] sample = latencies.stream().mapToLong(Long::longValue).toArray();
                System.out.printf(
                        "%5d msg/s (sent %.0f/s): %s  delivered %d/%d%n",
                        rate, (counter - before) / elapsed, new Stats(sample).summary(), received.get(), expected);
            }
            sender.close();
            sessions.forEach(RawStomp::close);
        } finally {
            system.destroy();
        }
    }

    /** Sends at a fixed rate for the given seconds, stamping each with a clientMessageId; the next counter. */
    private static long send(
            RawStomp sender, String conversation, int rate, int seconds, Map<String, Long> sentAt, long counter)
            throws Exception {
        String destination = "/app/conversations/" + conversation + "/messages";
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String id = "b" + (counter++);
            sentAt.put(id, System.nanoTime());
            sender.send(destination, "{\"content\":\"benchmark message\",\"clientMessageId\":\"" + id + "\"}");
        }
        return counter;
    }
}
