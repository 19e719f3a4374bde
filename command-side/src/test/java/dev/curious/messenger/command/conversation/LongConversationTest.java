package dev.curious.messenger.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.curious.messenger.api.conversation.StartConversation;
import dev.curious.messenger.api.message.DeleteMessage;
import dev.curious.messenger.api.message.EditMessage;
import dev.curious.messenger.api.message.MarkSeen;
import dev.curious.messenger.api.message.MessageAccepted;
import dev.curious.messenger.api.message.React;
import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.api.user.RegisterUser;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A conversation of 10,000 events loads from a snapshot and the few events after it, not from its whole history. */
@SpringBootTest
class LongConversationTest {

    /** Events in the conversation, its start included. */
    private static final int MESSAGES = 10_000;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    @Qualifier("conversationCache")
    Cache conversationCache;

    @Autowired
    ConversationProperties properties;

    @Autowired
    JdbcClient jdbc;

    private long latestSnapshotSequence(UUID conversation) {
        return jdbc.sql("SELECT coalesce(max(sequence_number), -1) FROM snapshot_event_entry"
                        + " WHERE aggregate_identifier = ?")
                .param(conversation.toString())
                .query(Long.class)
                .single();
    }

    @Test
    void coldLoadOfTenThousandEventsReplaysAtMostOneSnapshotIntervalOfEvents() {
        UUID owner = UUID.randomUUID();
        UUID guest = UUID.randomUUID();
        commands.sendAndWait(new RegisterUser(owner, "long-owner"));
        commands.sendAndWait(new RegisterUser(guest, "long-guest"));
        UUID conversation = UUID.randomUUID();
        commands.sendAndWait(new StartConversation(conversation, "Long", List.of(guest), owner));
        UUID first = UUID.randomUUID();
        commands.sendAndWait(new SendMessage(conversation, first, "first", "client-1", null, guest));
        commands.sendAndWait(new React(conversation, first, "heart", owner));
        UUID gone = UUID.randomUUID();
        commands.sendAndWait(new SendMessage(conversation, gone, "oops", null, null, owner));
        commands.sendAndWait(new DeleteMessage(conversation, gone, owner));
        for (int i = 3; i < MESSAGES - 2; i++) {
            commands.sendAndWait(new SendMessage(conversation, UUID.randomUUID(), "message " + i, null, null, owner));
        }

        // Snapshots are taken on a thread of their own: wait for the one of the last threshold crossed.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> latestSnapshotSequence(conversation) >= MESSAGES - 1 - properties.snapshotThreshold());
        assertThat(jdbc.sql("SELECT payload_revision FROM snapshot_event_entry WHERE aggregate_identifier = ?"
                                + " ORDER BY sequence_number DESC LIMIT 1")
                        .param(conversation.toString())
                        .query(String.class)
                        .single())
                .as("a snapshot names its shape, so that one of an earlier shape is not read")
                .isEqualTo("2");
        conversationCache.removeAll();
        List<? extends DomainEventMessage<?>> replayed =
                eventStore.readEvents(conversation.toString()).asStream().toList();

        assertThat(replayed.get(0).getPayload())
                .as("a cold load starts from a snapshot")
                .isInstanceOf(Conversation.class);
        assertThat(replayed.get(0).getSequenceNumber())
                .isGreaterThanOrEqualTo(MESSAGES - 1 - properties.snapshotThreshold());
        assertThat(replayed).hasSizeLessThanOrEqualTo(properties.snapshotThreshold() + 1);

        MessageAccepted next = commands.sendAndWait(
                new SendMessage(conversation, UUID.randomUUID(), "after the cold load", null, null, guest));
        assertThat(next.sequence()).as("the snapshot restored the sequence").isEqualTo(MESSAGES - 2);

        conversationCache.removeAll();
        assertThat(commands.<MessageAccepted>sendAndWait(
                        new SendMessage(conversation, UUID.randomUUID(), "first", "client-1", null, guest)))
                .as("the snapshot remembers client message ids")
                .isEqualTo(new MessageAccepted(first, 1));
        long stored =
                eventStore.readEvents(conversation.toString(), 0).asStream().count();
        commands.sendAndWait(new React(conversation, first, "heart", owner));
        commands.sendAndWait(new MarkSeen(conversation, first, owner));
        assertThat(eventStore.readEvents(conversation.toString(), 0).asStream().count())
                .as(
                        "the snapshot remembers reactions (a repeat stores nothing) and seen marks (a first one stores one)")
                .isEqualTo(stored + 1);
        assertThatThrownBy(() -> commands.sendAndWait(new EditMessage(conversation, gone, "back", owner)))
                .as("the snapshot remembers deletions")
                .isInstanceOf(CommandExecutionException.class)
                .hasMessageContaining("deleted");
    }
}
