package dev.curious.messenger.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** A REST client of the contract, as an outside client would write it: plain HTTP and JSON. */
public final class Api {

    /** An answer: status, content type, the JSON body (null when there is none) and the body as text. */
    public record Response(
            int status, String contentType, JsonNode body, java.net.http.HttpHeaders headers, String text) {

        /** The body as NDJSON: one JSON document a line, blank lines skipped. */
        public java.util.List<JsonNode> lines() {
            java.util.List<JsonNode> lines = new java.util.ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    try {
                        lines.add(LINES.readTree(line));
                    } catch (IOException e) {
                        throw new IllegalStateException("Not a JSON line: " + line, e);
                    }
                }
            }
            return lines;
        }
    }

    private static final ObjectMapper LINES = new ObjectMapper();

    /**
     * Asserts a refusal as the contract gives every one: a problem document with the status in the answer and in the
     * body, a title and a detail, no trace of the server's insides, and the error code when {@code code} is not null.
     */
    public static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt())
                .as(response.toString())
                .isEqualTo(status);
        assertThat(response.body().path("title").asText())
                .as(response.toString())
                .isNotBlank();
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
        if (code != null) {
            assertThat(response.body().path("code").asText())
                    .as(response.toString())
                    .isEqualTo(code);
        }
    }

    /** {@link #assertProblem(Response, int, String)} for a refusal of any code. */
    public static void assertProblem(Response response, int status) {
        assertProblem(response, status, null);
    }

    /** A registered, signed-in user. */
    public record User(UUID id, String nickname, String token) {}

    public static final String PASSWORD = "correct horse battery";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public Response call(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Accept", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(
                                            body instanceof String raw ? raw : json.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return send(request.build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode parsed = text == null || text.isEmpty() ? null : parse(text);
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    parsed,
                    response.headers(),
                    text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, User user) {
        return call("GET", path, user.token(), null);
    }

    public Response post(String path, User user, Object body) {
        return call("POST", path, user == null ? null : user.token(), body);
    }

    public String url(String path) {
        return base + path;
    }

    /** Registers a user named {@code prefix} plus a random suffix, and signs them in. */
    public User register(String prefix) {
        String nickname =
                prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        Response registered =
                call("POST", "/api/users", null, java.util.Map.of("nickname", nickname, "password", PASSWORD));
        if (registered.status() != 201) {
            throw new IllegalStateException("Registration failed: " + registered);
        }
        return signIn(nickname, PASSWORD);
    }

    /** The messages of a page ({@code path} answers {@code {messages: [...]}}) by their id. */
    public java.util.Map<String, JsonNode> messagesById(String path, User user) {
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        get(path, user).body().get("messages").forEach(m -> byId.put(m.get("id").asText(), m));
        return byId;
    }

    /** Registers a user named {@code prefix} plus a random suffix, whom the admin grants {@code role}. */
    public User registerWith(String role, String prefix, User admin) {
        User user = register(prefix);
        Response granted = post("/api/admin/users/" + user.id() + "/roles", admin, java.util.Map.of("role", role));
        if (granted.status() != 204) {
            throw new IllegalStateException("Grant failed: " + granted);
        }
        return user;
    }

    public User signIn(String nickname, String password) {
        Response session =
                call("POST", "/api/sessions", null, java.util.Map.of("nickname", nickname, "password", password));
        if (session.status() != 200) {
            throw new IllegalStateException("Sign-in failed: " + session);
        }
        return new User(
                UUID.fromString(session.body().get("userId").asText()),
                session.body().get("nickname").asText(),
                session.body().get("token").asText());
    }

    /** Starts a conversation of the owner with the others; its id. */
    public UUID start(User owner, String title, User... others) {
        java.util.List<String> members =
                java.util.Arrays.stream(others).map(u -> u.id().toString()).toList();
        Response started = post("/api/conversations", owner, java.util.Map.of("title", title, "memberIds", members));
        if (started.status() != 201) {
            throw new IllegalStateException("Start failed: " + started);
        }
        return UUID.fromString(started.body().get("id").asText());
    }

    /** Sends a message; its id. */
    public UUID send(UUID conversation, User sender, String content) {
        Response accepted =
                post("/api/conversations/" + conversation + "/messages", sender, java.util.Map.of("content", content));
        if (accepted.status() != 202) {
            throw new IllegalStateException("Send failed: " + accepted);
        }
        return UUID.fromString(accepted.body().get("messageId").asText());
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
