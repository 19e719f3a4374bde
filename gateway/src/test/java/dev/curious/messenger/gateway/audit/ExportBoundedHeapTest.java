package dev.curious.messenger.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.curious.messenger.gateway.Api;
import dev.curious.messenger.gateway.Api.User;
import dev.curious.messenger.gateway.MessengerSystem;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exports a conversation of 100,000 messages of 300 characters (some 60 MB as objects) in a JVM started with
 * {@code -Xmx128m} (the bounded-heap Surefire execution), which the whole system and the client share.
 */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExportBoundedHeapTest {

    private static final int MESSAGES = 100_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void exports100000MessagesWithASmallHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(128L * 1024 * 1024);
        UUID conversation = UUID.randomUUID();
        // Rows as the projection writes them, straight into the read model: the export reads nothing else.
        jdbc.sql("INSERT INTO chat_conversations (id, title, owner_id, started_at, last_activity_at)"
                        + " VALUES (?, 'Long', gen_random_uuid(), now(), now())")
                .param(conversation)
                .update();
        jdbc.sql("INSERT INTO chat_messages (id, conversation_id, sequence, sender_id, content, sent_at, position)"
                        + " SELECT gen_random_uuid(), ?, s, gen_random_uuid(), 'message ' || s || ' ' || repeat('x', 290),"
                        + " now(), s FROM generate_series(1, ?) s")
                .params(conversation, MESSAGES)
                .update();
        User admin = new Api(port).signIn("admin", "admin-password-1");

        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/conversations/"
                                        + conversation + "/export"))
                                .header("Authorization", "Bearer " + admin.token())
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper();
        long count = 0;
        long lastSequence = 0;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode message = json.readTree(line);
                assertThat(message.get("sequence").asLong()).isEqualTo(lastSequence + 1);
                lastSequence = message.get("sequence").asLong();
                count++;
            }
        }
        assertThat(count).isEqualTo(MESSAGES);
    }
}
