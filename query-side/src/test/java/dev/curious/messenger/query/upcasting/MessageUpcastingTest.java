package dev.curious.messenger.query.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curious.messenger.api.message.FindMessagesQuery;
import dev.curious.messenger.api.message.MessageAccepted;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessagePage;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.platform.axon.EventEnvelope;
import dev.curious.messenger.platform.axon.EventEnvelopes;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import dev.curious.messenger.query.ProcessingGroups;
import dev.curious.messenger.query.replay.Replays;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code MessageSent} revision 1 rows, stored as they were before {@code format} existed, are read as revision 2 by
 * every reader: the aggregate, the projections (also on replay) and the envelopes analysts get.
 */
@SpringBootTest(classes = CommandAndQuerySides.class)
class MessageUpcastingTest {

    @Autowired
    Chat chat;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    EventEnvelopes envelopes;

    @Autowired
    QueryGateway queries;

    @Autowired
    Replays replays;

    private void storeRevision1(
            UUID aggregate, long sequence, String type, String revision, String payload, String at) {
        jdbc.sql("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (?, ?, 'Conversation', ?, ?, ?, ?, ?, ?)")
                .params(
                        aggregate.toString(),
                        sequence,
                        UUID.randomUUID().toString(),
                        "{\"correlationId\":\"fixture\"}".getBytes(StandardCharsets.UTF_8),
                        payload.getBytes(StandardCharsets.UTF_8),
                        revision,
                        type,
                        at)
                .update();
    }

    @Test
    void olderMessageRevisionsAreReadProjectedReplayedAndExportedAsTheCurrentOnes() throws Exception {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = UUID.randomUUID();
        UUID message = UUID.randomUUID();
        storeRevision1(
                conversation,
                0,
                "dev.curious.messenger.api.conversation.ConversationStarted",
                "1",
                "{\"conversationId\":\"" + conversation + "\",\"title\":\"Old times\",\"ownerId\":\"" + ada
                        + "\",\"memberIds\":[\"" + ada + "\",\"" + bob + "\"],\"startedAt\":\"2025-01-02T03:04:05Z\"}",
                "2025-01-02T03:04:05Z");
        storeRevision1(
                conversation,
                1,
                MessageSent.class.getName(),
                "1",
                "{\"conversationId\":\"" + conversation + "\",\"messageId\":\"" + message + "\",\"sequence\":1,"
                        + "\"senderId\":\"" + ada + "\",\"content\":\"written in 2025\",\"clientMessageId\":null,"
                        + "\"sentAt\":\"2025-01-02T03:04:06Z\"}",
                "2025-01-02T03:04:06Z");
        UUID second = UUID.randomUUID();
        storeRevision1(
                conversation,
                2,
                MessageSent.class.getName(),
                "2",
                "{\"conversationId\":\"" + conversation + "\",\"messageId\":\"" + second + "\",\"sequence\":2,"
                        + "\"senderId\":\"" + bob + "\",\"content\":\"written in 2026\",\"clientMessageId\":null,"
                        + "\"sentAt\":\"2026-01-02T03:04:06Z\",\"format\":\"text\"}",
                "2026-01-02T03:04:06Z");
        storeRevision1(
                conversation,
                3,
                MessageEdited.class.getName(),
                "1",
                "{\"conversationId\":\"" + conversation + "\",\"messageId\":\"" + second + "\","
                        + "\"content\":\"edited in 2026\",\"editedAt\":\"2026-01-02T03:05:06Z\"}",
                "2026-01-02T03:05:06Z");

        // Read by the event store: the current revisions, with format, reply and mentions filled in.
        List<? extends DomainEventMessage<?>> events =
                eventStore.readEvents(conversation.toString()).asStream().toList();
        assertThat(events.get(1).getPayload())
                .isEqualTo(new MessageSent(
                        conversation,
                        message,
                        1,
                        ada,
                        "written in 2025",
                        null,
                        Instant.parse("2025-01-02T03:04:06Z"),
                        MessageSent.TEXT,
                        null,
                        List.of()));
        assertThat(events.get(2).getPayload())
                .isEqualTo(new MessageSent(
                        conversation,
                        second,
                        2,
                        bob,
                        "written in 2026",
                        null,
                        Instant.parse("2026-01-02T03:04:06Z"),
                        MessageSent.TEXT,
                        null,
                        List.of()));
        assertThat(events.get(3).getPayload())
                .isEqualTo(new MessageEdited(
                        conversation,
                        second,
                        "edited in 2026",
                        Instant.parse("2026-01-02T03:05:06Z"),
                        List.of(),
                        null));

        // The aggregate is rebuilt from them: the next message is number 3.
        MessageAccepted next =
                chat.command(new SendMessage(conversation, UUID.randomUUID(), "written now", null, null, bob));
        assertThat(next.sequence()).isEqualTo(3);

        // The projections read them, and so does a replay.
        chat.awaitProjected();
        assertThat(contents(conversation)).containsExactly("written now", "edited in 2026", "written in 2025");
        replays.start(ProcessingGroups.CONVERSATIONS);
        chat.awaitProjected();
        assertThat(contents(conversation)).containsExactly("written now", "edited in 2026", "written in 2025");

        // Analysts get revision 3.
        long position = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND sequence_number = 1")
                .param(conversation.toString())
                .query(Long.class)
                .single();
        try (BlockingStream<TrackedEventMessage<?>> stream =
                eventStore.openStream(EventEnvelopes.tokenAfter(eventStore, position - 1))) {
            EventEnvelope envelope =
                    envelopes.of(List.of(stream.nextAvailable())).get(0);
            assertThat(envelope.type()).isEqualTo("MessageSent");
            assertThat(envelope.version()).isEqualTo("3");
            assertThat(envelope.position()).isEqualTo(position);
            assertThat(envelope.aggregateType()).isEqualTo("Conversation");
            assertThat(envelope.sequence()).isEqualTo(1);
            JsonNode payload = envelope.payload();
            assertThat(payload.get("format").asText()).isEqualTo("text");
            assertThat(payload.get("replyTo").isNull()).isTrue();
            assertThat(payload.get("mentions").isEmpty()).isTrue();
            assertThat(payload.get("content").asText()).isEqualTo("written in 2025");
            assertThat(new String(envelopes.toJson(envelope), StandardCharsets.UTF_8))
                    .contains("\"version\":\"3\"")
                    .contains("\"timestamp\":\"2025-01-02T03:04:06Z\"");
        }
    }

    private List<String> contents(UUID conversation) {
        return queries
                .query(
                        new FindMessagesQuery(conversation, null, null, 10),
                        ResponseTypes.optionalInstanceOf(MessagePage.class))
                .join()
                .orElseThrow()
                .messages()
                .stream()
                .map(m -> m.content())
                .toList();
    }
}
