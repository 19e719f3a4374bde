package dev.curious.messenger.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.Response;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Raw HTTP over a socket, as an attacker writes it, to the whole system: requests Tomcat itself refuses, JSON that
 * names a field twice, look-alike nicknames, secrets sent where they do not belong, denied audit calls. Every answer
 * is a 4xx problem document, nothing is stored, no secret reaches the log, every denial is in the audit log.
 */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HostileHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** Status, headers and body of one raw request; the connection is closed after it. */
    private record Raw(int status, String head, String body) {}

    private Raw raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int blank = text.indexOf("\r\n\r\n");
            String head = blank < 0 ? text : text.substring(0, blank);
            String body = blank < 0 ? "" : text.substring(blank + 4);
            int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
            return new Raw(status, head, body);
        }
    }

    private static String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + String.join("", headers)
                + "Connection: close\r\n\r\n";
    }

    private static void assertProblem(Raw answer, String request) throws IOException {
        assertThat(answer.status()).as(request + " -> " + answer).isBetween(400, 499);
        assertThat(answer.head().toLowerCase()).contains("content-type: application/problem+json");
        String json = answer.body().contains("\r\n") && !answer.body().startsWith("{")
                ? answer.body().substring(answer.body().indexOf("\r\n") + 2) // chunked
                : answer.body();
        JsonNode problem = JSON.readTree(json.substring(0, json.lastIndexOf('}') + 1));
        assertThat(problem.get("status").asInt()).isEqualTo(answer.status());
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(answer.body())
                .doesNotContain("<html")
                .doesNotContain("Exception")
                .doesNotContain("Tomcat");
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }

    @Test
    void requestsTheServerCannotAcceptAreAnsweredWithProblemDocuments() throws Exception {
        long before = events();
        List<String> requests = List.of(
                get("/api/users?nickname=" + "a".repeat(20_000)),
                get("/api/users?nickname=|{}"),
                get("/api/%2e%2e/%2e%2e/etc/passwd"),
                get("/%2e%2e/api/users"),
                get("/api/users/%00"),
                get("/api/users", "X-Long: " + "b".repeat(20_000) + "\r\n"),
                get("/api/users", "X-Bad\u0001Name: x\r\n"),
                "G@T /api/users HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "POST /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
                "GET /api/users HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: bogus\r\nConnection: close\r\n\r\n",
                "GET /api/users HTTP/7.0\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "POST /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 9\r\nConnection: close\r\n\r\n{\"nick\":\u00ff}");
        for (String request : requests) {
            assertProblem(raw(request), request.length() > 120 ? request.substring(0, 120) : request);
        }
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void jsonThatNamesAFieldTwiceIsRefusedAndRegistersNobody() throws Exception {
        String nickname = "twice" + UUID.randomUUID().toString().substring(0, 6);
        long before = events();
        Response answer = api.call(
                "POST",
                "/api/users",
                null,
                "{\"nickname\":\"" + nickname + "\",\"password\":\"first password\",\"password\":\"second password\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("code").asText()).isEqualTo("MALFORMED");
        assertThat(events()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM gateway_credentials")
                        .query(Long.class)
                        .single())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM gateway_credentials WHERE confirmed")
                        .query(Long.class)
                        .single());
    }

    @Test
    void lookAlikeNicknamesAreRefused() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).replace("a", "b");
        String admin = "admin" + suffix;
        assertThat(register(admin).status()).isEqualTo(201);

        Response mixed = register("\u0430dmin" + suffix);
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.body().get("code").asText()).isEqualTo("NICKNAME_INVALID");
        assertThat(mixed.body().get("violations").get(0).get("field").asText()).isEqualTo("nickname");
        for (String invisible : List.of(admin + "\u034F", admin + "\uFE0F", admin + "\u3164")) {
            assertThat(register(invisible).status()).as(invisible).isEqualTo(400);
        }
        for (String lookAlike : List.of("adrnin" + suffix, "ADMIN" + suffix.toUpperCase())) {
            Response taken = register(lookAlike);
            assertThat(taken.status()).as(lookAlike).isEqualTo(409);
            assertThat(taken.body().get("code").asText()).isEqualTo("NICKNAME_TAKEN");
        }
        assertThat(api.call(
                                "GET",
                                "/api/users?nickname=" + admin,
                                api.register("finder").token(),
                                null)
                        .body())
                .hasSize(1);
    }

    private Response register(String nickname) {
        return api.call("POST", "/api/users", null, Map.of("nickname", nickname, "password", Api.PASSWORD));
    }

    @Test
    void noTokenPasswordOrHashReachesTheLogWhateverTheClientSends(CapturedOutput output) throws Exception {
        User ada = api.register("ada");
        String hash = jdbc.sql("SELECT password_hash FROM gateway_credentials WHERE user_id = ?")
                .param(ada.id())
                .query(String.class)
                .single();
        raw(get("/api/users/me", "Cookie: Authorization=Bearer " + ada.token() + "\r\n"));
        raw(get("/api/users/me", "Cookie: token=" + ada.token() + "; x=\"" + Api.PASSWORD + "\r\n"));
        raw(get("/api/users/me?access_token=" + ada.token() + "|{}"));
        raw(get("/api/users/me?access_token=" + ada.token(), "Authorization: Bearer " + ada.token() + "x\r\n"));
        raw("GET /api/" + ada.token() + " HTTP/1.1\r\nHost: localhost\r\nX\u0001: " + Api.PASSWORD
                + "\r\nConnection: close\r\n\r\n");
        api.call("POST", "/api/sessions", null, "{\"nickname\":\"" + ada.nickname() + "\",\"password\":");
        api.call("POST", "/api/sessions", null, Map.of("nickname", ada.nickname(), "password", "wrong " + hash));
        api.call("POST", "/api/users", null, "{\"nickname\":\"x\",\"password\":\"" + Api.PASSWORD + "\"," + "}");

        assertThat(output.getAll())
                .doesNotContain(ada.token())
                .doesNotContain(ada.token().substring(ada.token().lastIndexOf('.') + 1))
                .doesNotContain(Api.PASSWORD)
                .doesNotContain(hash);
    }

    @Test
    void everyDenialIsInTheAuditLogUnderItsRoute(CapturedOutput output) {
        User ada = api.register("ada");
        User bob = api.register("bob");
        UUID conversation = api.start(ada, "Audited", bob);
        String messages = "/api/audit/conversations/" + conversation + "/messages?limit=200&before=" + "9".repeat(18)
                + "&padding=" + "p".repeat(300);

        assertThat(api.get(messages, ada).status()).isEqualTo(403);
        assertThat(api.post("/api/admin/users/" + bob.id() + "/roles", ada, Map.of("role", "ADMIN"))
                        .status())
                .isEqualTo(403);

        await().atMost(Duration.ofSeconds(10)).until(() -> denials(ada).size() >= 2);
        assertThat(denials(ada))
                .contains(
                        "GET /api/audit/conversations/{id}/messages " + conversation,
                        "POST /api/admin/users/{id}/roles null");
        assertThat(output.getAll()).doesNotContain("Could not record").doesNotContain("DataIntegrityViolation");
    }

    private List<String> denials(User actor) {
        return jdbc.sql("SELECT action || ' ' || coalesce(conversation_id::text, 'null') FROM audit_log"
                        + " WHERE actor_id = ? AND outcome = 'Denied'")
                .param(actor.id())
                .query(String.class)
                .list();
    }
}
