package dev.curious.messenger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.platform.database.EmbeddedDatabase;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeType;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Opt-in (docs/operations.md, "Running it distributed"): with {@code MESSENGER_IT_AXON_SERVER=host:8124} in the environment, starts the command
 * side, the query side and two gateway nodes as separate JVMs from their executable jars against that Axon Server and
 * one PostgreSQL ({@code DATABASE_URL}, or an embedded one), then two users on different gateway nodes chat.
 * Without it the Maven profile does not run it and says why.
 */
class DistributedChatIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Process> services = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedDatabase postgres;

    @AfterEach
    void stop() throws IOException {
        services.forEach(Process::destroy);
        if (postgres != null) {
            postgres.close();
        }
    }

    private static final String ADMIN_PASSWORD = "distributed-admin-1";

    @Test
    void twoUsersOnDifferentGatewayNodesChatThroughAxonServer() throws Exception {
        String axonServer = System.getenv("MESSENGER_IT_AXON_SERVER");
        if (axonServer == null || axonServer.isBlank()) {
            String reason =
                    "DistributedChatIT skipped: no MESSENGER_IT_AXON_SERVER in the environment (e.g. MESSENGER_IT_AXON_SERVER=localhost:8124"
                            + " ./mvnw verify); there is no Axon Server on this machine to run the services against";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        String database = System.getenv("DATABASE_URL");
        if (database == null || database.isBlank()) {
            postgres = EmbeddedDatabase.startTemporary();
            database = "postgres://postgres:postgres@localhost:" + postgres.port() + "/postgres";
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "AXON_SERVER",
                axonServer,
                "DATABASE_URL",
                database,
                "MESSENGER_SECURITY_TOKEN_SECRET",
                Base64.getEncoder().encodeToString(key),
                "MESSENGER_CONTENT_MASTER_KEY",
                Base64.getEncoder().encodeToString(master),
                "MESSENGER_ADMIN_PASSWORD",
                ADMIN_PASSWORD));
        // Two query-side nodes share every group's two segments; either can take over the other's.
        for (String group : List.of("USERS", "CONVERSATIONS", "AUDIT")) {
            environment.put("AXON_EVENTHANDLING_PROCESSORS_" + group + "_INITIALSEGMENTCOUNT", "2");
            environment.put("AXON_EVENTHANDLING_PROCESSORS_" + group + "_THREADCOUNT", "2");
        }
        int commandPort = freePort();
        int queryPort = freePort();
        int queryPort2 = freePort();
        int gateway1 = freePort();
        int gateway2 = freePort();
        start("command-side", commandPort, environment);
        start("query-side", queryPort, environment);
        start("query-side", queryPort2, environment);
        start("gateway", gateway1, environment);
        start("gateway", gateway2, environment);
        for (int port : List.of(commandPort, queryPort, queryPort2, gateway1, gateway2)) {
            awaitHealthy(port);
        }

        User ada = register(gateway1, "ada");
        User bob = register(gateway2, "bob");
        JsonNode conversation = post(
                gateway1, "/api/conversations", ada.token(), Map.of("title", "Across", "memberIds", List.of(bob.id())));
        String conversationId = conversation.get("id").asText();

        StompSession bobSession = connect(gateway2, bob.token());
        BlockingQueue<JsonNode> bobFrames = subscribe(bobSession, "/topic/conversations/" + conversationId);
        StompSession adaSession = connect(gateway1, ada.token());
        BlockingQueue<JsonNode> adaFrames = subscribe(adaSession, "/topic/conversations/" + conversationId);
        // Ada's session is on the other node: Bob learns she is online.
        assertThat(next(bobFrames, "PresenceChanged", ada.id()).get("online").asBoolean())
                .isTrue();

        StompHeaders send = new StompHeaders();
        send.setDestination("/app/conversations/" + conversationId + "/messages");
        send.setContentType(new MimeType("application", "json"));
        adaSession.send(
                send, JSON.writeValueAsString(Map.of("content", "hello from node 1", "clientMessageId", "x-1")));

        JsonNode sent = next(bobFrames, "MessageSent", ada.id());
        assertThat(sent.get("content").asText()).isEqualTo("hello from node 1");
        assertThat(next(adaFrames, "MessageSent", ada.id()).get("id")).isEqualTo(sent.get("id"));
        JsonNode rejected = post(
                gateway2, "/api/conversations/" + conversationId + "/messages", bob.token(), Map.of("content", " "));
        assertThat(rejected.get("code").asText()).isEqualTo("CONTENT_INVALID");

        // The other way round, and the lists that cross Axon Server as records.
        BlockingQueue<JsonNode> bobNotes = subscribe(bobSession, "/user/queue/notifications");
        String back = post(
                        gateway2,
                        "/api/conversations/" + conversationId + "/messages",
                        bob.token(),
                        Map.of("content", "back"))
                .get("messageId")
                .asText();
        assertThat(next(adaFrames, "MessageSent", bob.id()).get("content").asText())
                .isEqualTo("back");

        // A reply from node 1 naming Bob: on node 2 its quote, the mention and then the edit arrive.
        String reply = post(
                        gateway1,
                        "/api/conversations/" + conversationId + "/messages",
                        ada.token(),
                        Map.of("content", "@" + bob.nickname() + " welcome back", "replyTo", back))
                .get("messageId")
                .asText();
        JsonNode quoted = next(bobFrames, "MessageSent", ada.id());
        assertThat(quoted.get("replyTo").get("messageId").asText()).isEqualTo(back);
        assertThat(quoted.get("mentions").get(0).asText()).isEqualTo(bob.id());
        JsonNode mentioned = bobNotes.poll(20, TimeUnit.SECONDS);
        assertThat(mentioned).isNotNull();
        assertThat(mentioned.get("type").asText()).isEqualTo("Mentioned");
        assertThat(mentioned.get("messageId").asText()).isEqualTo(reply);
        HttpRequest edit = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway1 + "/api/messages/" + reply))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ada.token())
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"content\":\"welcome back, Bob\"}"))
                .build();
        assertThat(http.send(edit, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(204);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode edited = null;
        while (edited == null && System.nanoTime() < deadline) {
            JsonNode frame = bobFrames.poll(500, TimeUnit.MILLISECONDS);
            if (frame != null && frame.get("type").asText().equals("MessageEdited")) {
                edited = frame;
            }
        }
        assertThat(edited).as("MessageEdited on node 2").isNotNull();
        assertThat(edited.get("content").asText()).isEqualTo("welcome back, Bob");
        assertThat(get(gateway2, "/api/search?q=welcome", bob.token())
                        .get("hits")
                        .get(0)
                        .get("message")
                        .get("id")
                        .asText())
                .isEqualTo(reply);
        // Analysts and auditors read the store itself on Axon Server, on either node.
        String admin = post(gateway2, "/api/sessions", null, Map.of("nickname", "admin", "password", ADMIN_PASSWORD))
                .get("token")
                .asText();
        for (int node : List.of(gateway1, gateway2)) {
            List<JsonNode> history = lines(node, "/api/events", admin);
            assertThat(history).as("the whole history on node " + node).hasSizeGreaterThan(5);
            assertThat(history.get(0).get("position").asLong()).isEqualTo(1);
            List<Long> order =
                    history.stream().map(e -> e.get("position").asLong()).toList();
            assertThat(order).isSorted().doesNotHaveDuplicates();
            List<JsonNode> rest = lines(node, "/api/events?after=" + order.get(2), admin);
            assertThat(rest.get(0).get("position").asLong()).isEqualTo(order.get(3));
            assertThat(rest).hasSize(history.size() - 3);
            List<JsonNode> ofConversation = lines(node, "/api/events?conversationId=" + conversationId, admin);
            assertThat(ofConversation.get(0).get("type").asText()).isEqualTo("ConversationStarted");
            assertThat(ofConversation)
                    .allSatisfy(e -> assertThat(e.get("aggregateId").asText()).isEqualTo(conversationId));
            assertThat(lines(node, "/api/events?type=MessageEdited", admin))
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("payload").get("messageId").asText())
                            .isEqualTo(reply));
            JsonNode state = get(node, "/api/conversations/" + conversationId + "/state", admin);
            assertThat(state.get("title").asText()).isEqualTo("Across");
            assertThat(state.get("messageCount").asLong()).isEqualTo(3);
            JsonNode versions = get(node, "/api/audit/messages/" + reply + "/history", admin);
            assertThat(versions.get("versions").findValuesAsText("action")).containsExactly("Sent", "Edited");
            assertThat(lines(node, "/api/audit/conversations/" + conversationId + "/export?format=ndjson", admin))
                    .hasSize(3);
        }
        JsonNode listed = get(gateway2, "/api/conversations", bob.token());
        assertThat(listed.get(0).get("id").asText()).isEqualTo(conversationId);
        assertThat(get(gateway1, "/api/emojis", ada.token()).size()).isGreaterThanOrEqualTo(8);

        // One query-side node killed under load (kill -9, not started again): the other claims its segments and node
        // 2's subscriber gets every acknowledged message, once, in order.
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Thread sender = new Thread(() -> {
            for (int i = 0; i < 120; i++) {
                try {
                    JsonNode accepted = post(
                            gateway1,
                            "/api/conversations/" + conversationId + "/messages",
                            ada.token(),
                            Map.of("content", "under load " + i));
                    if (accepted.has("messageId")) {
                        acknowledged.add(accepted.get("messageId").asText());
                    }
                    Thread.sleep(70);
                } catch (Exception e) {
                    // refused while a service restarts: not acknowledged
                }
            }
        });
        sender.start();
        Thread.sleep(2_000);
        services.get(1).destroyForcibly().waitFor();
        sender.join();
        List<JsonNode> received = receiveAll(bobFrames, acknowledged);
        assertThat(acknowledged).hasSizeGreaterThan(60);
        assertThat(received.stream().map(frame -> frame.get("id").asText()).toList())
                .as("every acknowledged message, once")
                .containsAll(acknowledged)
                .doesNotHaveDuplicates();
        assertThat(received.stream()
                        .map(frame -> frame.get("frameSeq").asLong())
                        .toList())
                .isSorted();
        // The read models of the remaining node: search, the unread count, the message list.
        assertThat(get(gateway2, "/api/search?q=load", bob.token()).get("hits")).isNotEmpty();
        JsonNode unread = get(gateway2, "/api/conversations", bob.token()).get(0);
        assertThat(unread.get("unreadCount").asLong()).isEqualTo(acknowledged.size() + 2);

        // Axon Server killed (kill -9) under load and started again, when the environment says how: no send answers
        // 500; a 503 that says nothing changed stored nothing; OUTCOME_UNKNOWN, repeated, settles; every
        // acknowledged message reaches node 2 once, in order.
        String restart = System.getenv("MESSENGER_IT_AXON_SERVER_RESTART");
        if (restart != null && !restart.isBlank()) {
            survivesAnAxonServerCrash(restart, gateway1, conversationId, ada, bobFrames);
        }

        // A legal hold placed on node 2 keeps Ada's content through her erasure on node 1 (command side and query
        // side are processes of their own); its release on node 1 erases it, as node 2 shows.
        String hold = "/api/audit/conversations/" + conversationId + "/legal-hold";
        assertThat(status("PUT", gateway2, hold, admin, Map.of("reason", "distributed")))
                .isEqualTo(204);
        assertThat(status("DELETE", gateway1, "/api/users/" + ada.id() + "/content", ada.token(), null))
                .isEqualTo(204);
        String first = sent.get("id").asText();
        awaitUntil(() -> get(gateway2, "/api/audit/log?type=UserContentErased", admin)
                        .get("entries")
                        .size()
                == 1);
        assertThat(message(gateway2, conversationId, first, bob.token())
                        .get("content")
                        .asText())
                .isEqualTo("hello from node 1");
        assertThat(status("DELETE", gateway1, hold, admin, null)).isEqualTo(204);
        awaitUntil(() -> message(gateway2, conversationId, first, bob.token())
                .get("erased")
                .asBoolean());
        assertThat(message(gateway2, conversationId, first, bob.token())
                        .get("content")
                        .isNull())
                .isTrue();
        assertThat(message(gateway2, conversationId, back, bob.token())
                        .get("content")
                        .asText())
                .isEqualTo("back");
    }

    private void survivesAnAxonServerCrash(
            String restart, int gateway, String conversationId, User sender, BlockingQueue<JsonNode> frames)
            throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        Thread load = new Thread(() -> {
            for (int i = 0; System.nanoTime() < until; i++) {
                String clientMessageId = "crash-" + i;
                try {
                    boolean unknown = false;
                    while (true) {
                        HttpResponse<String> answer = send(gateway, conversationId, sender, clientMessageId);
                        JsonNode body = JSON.readTree(answer.body());
                        if (answer.statusCode() == 202) {
                            acknowledged.add(body.get("messageId").asText());
                            break;
                        }
                        if (answer.statusCode() != 503
                                || answer.headers().firstValue("Retry-After").isEmpty()) {
                            failures.add(answer.statusCode() + " " + answer.body());
                            break;
                        }
                        unknown |= body.path("code").asText().equals("OUTCOME_UNKNOWN");
                        if (!unknown) {
                            // This call changed nothing, and no earlier call of this message may have.
                            refused.add(clientMessageId);
                            break;
                        }
                        // Once unknown, the same call again until it answers what happened: a repeat that is
                        // refused changed nothing itself, but the first call may have been stored.
                        Thread.sleep(500);
                    }
                    Thread.sleep(50);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        load.start();
        Thread.sleep(5_000);
        Process crash = new ProcessBuilder("sh", "-c", restart).inheritIO().start();
        load.join();
        assertThat(crash.waitFor()).isZero();
        assertThat(failures)
                .as("answers other than 202 and 503 with Retry-After")
                .isEmpty();
        List<JsonNode> received = receiveAll(frames, acknowledged);
        assertThat(received.stream().map(frame -> frame.get("id").asText()).toList())
                .containsAll(acknowledged)
                .doesNotHaveDuplicates();
        assertThat(received.stream()
                        .map(frame -> frame.get("frameSeq").asLong())
                        .toList())
                .isSorted();
        assertThat(received.stream().map(frame -> frame.get("clientMessageId").asText()))
                .as("a 503 that said nothing was changed")
                .noneMatch(refused::contains);
        System.out.printf(
                "Axon Server crash: %d acknowledged, %d refused (nothing changed)%n",
                acknowledged.size(), refused.size());
    }

    private HttpResponse<String> send(int port, String conversationId, User sender, String clientMessageId)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/conversations/" + conversationId + "/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + sender.token())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("content", "through a crash " + clientMessageId, "clientMessageId", clientMessageId))))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The MessageSent frames that arrive until every acknowledged message is among them, or 60 s pass. */
    private static List<JsonNode> receiveAll(BlockingQueue<JsonNode> frames, Set<String> acknowledged)
            throws InterruptedException {
        List<JsonNode> received = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !ids.containsAll(acknowledged)) {
            JsonNode frame = frames.poll(1, TimeUnit.SECONDS);
            if (frame != null && frame.get("type").asText().equals("MessageSent")) {
                received.add(frame);
                ids.add(frame.get("id").asText());
            }
        }
        return received;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitUntil(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not so within 30 s");
            }
            Thread.sleep(200);
        }
    }

    private JsonNode message(int port, String conversationId, String messageId, String token) throws Exception {
        String page = "/api/conversations/" + conversationId + "/messages?limit=200";
        while (true) {
            JsonNode answer = get(port, page, token);
            for (JsonNode message : answer.get("messages")) {
                if (message.get("id").asText().equals(messageId)) {
                    return message;
                }
            }
            if (answer.path("nextBefore").isNull() || answer.path("nextBefore").isMissingNode()) {
                throw new AssertionError("No message " + messageId);
            }
            page = "/api/conversations/" + conversationId + "/messages?limit=200&before="
                    + answer.get("nextBefore").asLong();
        }
    }

    private int status(String method, int port, String path, String token, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** An NDJSON answer, one document a line; fails on any status but 200. */
    private List<JsonNode> lines(int port, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : answer.body().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private JsonNode get(int port, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .build();
        return JSON.readTree(
                http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private record User(String id, String nickname, String token) {}

    private void start(String service, int port, Map<String, String> environment) throws IOException {
        Path jar = Files.list(Path.of("..", service, "target"))
                .filter(path -> path.getFileName().toString().endsWith("-exec.jar"))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("No executable jar of " + service + "; run ./mvnw package"));
        ProcessBuilder process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // The service's JVM defaults, as every run of it has them.
                        "@" + Path.of("..", "jvm.options").toAbsolutePath(),
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(new File("target", service + "-" + port + ".log"));
        process.environment().putAll(environment);
        services.add(process.start());
    }

    private void awaitHealthy(int port) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("The service on port " + port + " did not become healthy; see target/*.log");
    }

    private User register(int port, String prefix) throws Exception {
        String nickname = prefix + System.nanoTime() % 100_000;
        post(port, "/api/users", null, Map.of("nickname", nickname, "password", "distributed-1"));
        JsonNode session = post(port, "/api/sessions", null, Map.of("nickname", nickname, "password", "distributed-1"));
        return new User(
                session.get("userId").asText(), nickname, session.get("token").asText());
    }

    private JsonNode post(int port, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(
                http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static StompSession connect(int port, String token) throws Exception {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JsonText());
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + token);
        return client.connectAsync(
                        "ws://localhost:" + port + "/ws",
                        new WebSocketHttpHeaders(),
                        connect,
                        new StompSessionHandlerAdapter() {})
                .get(10, TimeUnit.SECONDS);
    }

    private static BlockingQueue<JsonNode> subscribe(StompSession session, String destination) {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return String.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                try {
                    frames.add(JSON.readTree((String) payload));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        return frames;
    }

    /** The next frame of the type about (or sent by) the user, skipping others. */
    private static JsonNode next(BlockingQueue<JsonNode> frames, String type, String userId)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(500, TimeUnit.MILLISECONDS);
            if (frame != null
                    && frame.get("type").asText().equals(type)
                    && userId.equals(frame.path(type.equals("MessageSent") ? "senderId" : "userId")
                            .asText())) {
                return frame;
            }
        }
        throw new AssertionError("No " + type + " frame of " + userId + " within 20 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** JSON bodies as the strings they are, in both directions. */
    private static final class JsonText extends StringMessageConverter {
        JsonText() {
            super(StandardCharsets.UTF_8);
            addSupportedMimeTypes(new MimeType("application", "json"));
        }
    }
}
