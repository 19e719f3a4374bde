package dev.curious.messenger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        try (RunningSystem system = RunningSystem.start(jar)) {
            HttpClient http = HttpClient.newHttpClient();
            String senderToken = register(http, system.port, "sender");
            List<String> tokens = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                String token = register(http, system.port, "reader" + i);
                tokens.add(token);
                ids.add(me(http, system.port, token));
            }
            String conversation = post(
                            http,
                            system.port,
                            "/api/conversations",
                            senderToken,
                            Map.of("title", "Benchmark", "memberIds", ids))
                    .get("id")
                    .asText();

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong received = new AtomicLong();
            List<RawStomp> sessions = new ArrayList<>();
            for (String token : tokens) {
                RawStomp session = RawStomp.connect(system.port, token, frame -> {
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
            RawStomp sender = RawStomp.connect(system.port, senderToken, frame -> {});
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

    private static String register(HttpClient http, int port, String prefix) throws Exception {
        String nickname = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        post(http, port, "/api/users", null, Map.of("nickname", nickname, "password", "benchmark-1"));
        return post(http, port, "/api/sessions", null, Map.of("nickname", nickname, "password", "benchmark-1"))
                .get("token")
                .asText();
    }

    private static String me(HttpClient http, int port, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/users/me"))
                .header("Authorization", "Bearer " + token)
                .build();
        return JSON.readTree(
                        http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                .get("id")
                .asText();
    }

    private static JsonNode post(HttpClient http, int port, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(
                http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The standalone jar in a JVM of its own, on a fresh embedded PostgreSQL, with the client limits lifted. */
    private static final class RunningSystem implements AutoCloseable {

        final int port;
        private final Process process;

        private RunningSystem(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static RunningSystem start(Path jar) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path data = Files.createTempDirectory("messenger-bench");
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            jar.toString(),
                            "--server.port=" + port,
                            "--messenger.embedded-postgres.data-dir=" + data.resolve("postgres"),
                            "--messenger.security.key-file=" + data.resolve("token.key"),
                            // The clients here are one benchmark, not many people: their limits would cap the rate.
                            "--messenger.gateway.sends-per-second=1000000",
                            "--messenger.gateway.sends-burst=1000000",
                            "--messenger.gateway.rest-per-second=100000",
                            "--messenger.gateway.rest-burst=100000",
                            "--messenger.gateway.anonymous-per-second=100000",
                            "--messenger.gateway.anonymous-burst=100000")
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("system.log").toFile())
                    .start();
            RunningSystem system = new RunningSystem(port, process);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> health = http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        System.out.println("system up on port " + port + ", log in " + data.resolve("system.log"));
                        return system;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(500);
            }
            system.close();
            throw new IllegalStateException("The system did not start; see " + data.resolve("system.log"));
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
