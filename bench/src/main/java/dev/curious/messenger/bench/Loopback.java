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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The standalone jar in a JVM of its own, driven over loopback as clients would: started with the per-client limits
 * lifted (the benchmarks are one client, not many people), and a small REST client of the contract.
 */
final class Loopback {

    /** An HTTP answer: status and JSON body (null when empty). */
    record Answer(int status, JsonNode body) {}

    /**
     * A system on a fresh embedded PostgreSQL in a temporary folder ({@code directory}, the database in its
     * {@code postgres}), with a client; closing stops it.
     */
    record Fresh(Process process, Loopback client, Path directory) implements AutoCloseable {

        @Override
        public void close() {
            process.destroy();
        }
    }

    /** The standalone jar as {@code ./mvnw package} leaves it, from the project root. */
    static final Path STANDALONE_JAR = Path.of("standalone/target/messenger.jar");

    private static final ObjectMapper JSON = new ObjectMapper();

    final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    Loopback(int port) {
        this.port = port;
    }

    /**
     * Starts {@code jar} on {@code port} with its token key in {@code directory} and its output in
     * {@code directory/log}, and waits until it reports healthy.
     */
    static Process start(
            Path jar, int port, Path directory, String log, Map<String, String> environment, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The application's JVM defaults, as every run of it has them: jvm.options at the top, above <module>/target.
        Path options = jar.toAbsolutePath().getParent().getParent().getParent().resolve("jvm.options");
        if (Files.exists(options)) {
            command.add("@" + options);
        }
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--messenger.security.key-file=" + directory.resolve("token.key"),
                "--messenger.gateway.sends-per-second=1000000",
                "--messenger.gateway.sends-burst=1000000",
                "--messenger.gateway.rest-per-second=100000",
                "--messenger.gateway.rest-burst=100000",
                "--messenger.gateway.anonymous-per-second=100000",
                "--messenger.gateway.anonymous-burst=100000"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(log).toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        // A benchmark stopped by a signal takes its system with it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        process.destroy();
        throw new IllegalStateException("The system did not start; see " + directory.resolve(log));
    }

    /** Starts {@code jar} on a free port and a fresh embedded PostgreSQL, with {@code environment} added. */
    static Fresh startFresh(Path jar, Map<String, String> environment) throws Exception {
        int port = freePort();
        Path directory = Files.createTempDirectory("messenger-bench");
        Process process = start(
                jar,
                port,
                directory,
                "system.log",
                environment,
                "--messenger.embedded-postgres.data-dir=" + directory.resolve("postgres"));
        System.out.println("system up on port " + port + ", log in " + directory.resolve("system.log"));
        return new Fresh(process, new Loopback(port), directory);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    Answer post(String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    JsonNode get(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .build();
        return JSON.readTree(
                http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Registers {@code prefix} plus a suffix and signs in; the token. */
    String register(String prefix) throws Exception {
        String nickname = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        post("/api/users", null, Map.of("nickname", nickname, "password", "benchmark-1"));
        return post("/api/sessions", null, Map.of("nickname", nickname, "password", "benchmark-1"))
                .body()
                .get("token")
                .asText();
    }
}
