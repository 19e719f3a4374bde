package dev.curious.messenger.gateway.history;

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
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Streams 100,000 events through {@code GET /api/events} in a JVM started with {@code -Xmx128m} (its own Surefire
 * execution): the whole system and the client share that heap, which could not hold the history as objects.
 */
@SpringBootTest(classes = MessengerSystem.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventHistoryBoundedHeapTest {

    private static final int EVENTS = 100_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void streams100000EventsWithASmallHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(128L * 1024 * 1024);
        // The projections are not under test here: their work would only slow the insert down.
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        UUID conversation = UUID.randomUUID();
        UUID sender = UUID.randomUUID();
        jdbc.sql("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " SELECT ?, i, 'Conversation', gen_random_uuid()::text,"
                        + " convert_to('{\"correlationId\":\"bulk\"}', 'UTF8'),"
                        + " convert_to(format('{\"conversationId\":\"%s\",\"messageId\":\"%s\",\"sequence\":%s,"
                        + "\"senderId\":\"%s\",\"content\":\"message number %s of a long history\","
                        + "\"clientMessageId\":null,\"sentAt\":\"2026-11-21T10:15:30.123Z\",\"format\":\"text\"}',"
                        + " ?, gen_random_uuid(), i + 1, ?, i + 1), 'UTF8'),"
                        + " '2', 'dev.curious.messenger.api.message.MessageSent', '2026-11-21T10:15:30.123Z'"
                        + " FROM generate_series(0, ? - 1) AS i")
                .params(conversation.toString(), conversation.toString(), sender.toString(), EVENTS)
                .update();
        User admin = new Api(port).signIn("admin", "admin-password-1");

        HttpResponse<InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events?conversationId="
                                        + conversation + "&limit=" + (EVENTS + 10)))
                                .header("Authorization", "Bearer " + admin.token())
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper();
        long count = 0;
        long lastPosition = -1;
        long lastSequence = -1;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode envelope = json.readTree(line);
                assertThat(envelope.get("position").asLong()).isGreaterThan(lastPosition);
                assertThat(envelope.get("sequence").asLong()).isEqualTo(lastSequence + 1);
                lastPosition = envelope.get("position").asLong();
                lastSequence = envelope.get("sequence").asLong();
                count++;
            }
        }
        assertThat(count).isEqualTo(EVENTS);
    }
}
