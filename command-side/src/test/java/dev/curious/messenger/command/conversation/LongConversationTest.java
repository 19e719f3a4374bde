package dev.curious.messenger.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.conversation.StartConversation;
import dev.curious.messenger.api.message.MessageAccepted;
import dev.curious.messenger.api.message.SendMessage;
import dev.curious.messenger.api.user.RegisterUser;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** A conversation of 10,000 events loads from a snapshot and the few events after it, not from its whole history. */
@SpringBootTest
class LongConversationTest {

    private static final int MESSAGES = 10_000;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    @Qualifier("conversationCache")
    Cache conversationCache;

    @Value("${messenger.conversation.snapshot-threshold}")
    int snapshotThreshold;

    @Test
    void coldLoadOfTenThousandEventsReplaysAtMostOneSnapshotIntervalOfEvents() {
        UUID owner = UUID.randomUUID();
        UUID guest = UUID.randomUUID();
        commands.sendAndWait(new RegisterUser(owner, "long-owner"));
        commands.sendAndWait(new RegisterUser(guest, "long-guest"));
        UUID conversation = UUID.randomUUID();
        commands.sendAndWait(new StartConversation(conversation, "Long", List.of(guest), owner));
        for (int i = 1; i < MESSAGES; i++) {
            commands.sendAndWait(new SendMessage(conversation, UUID.randomUUID(), "message " + i, null, owner));
        }

        conversationCache.removeAll();
        List<? extends DomainEventMessage<?>> replayed =
                eventStore.readEvents(conversation.toString()).asStream().toList();

        assertThat(replayed.get(0).getPayload())
                .as("a cold load starts from a snapshot")
                .isInstanceOf(Conversation.class);
        assertThat(replayed.get(0).getSequenceNumber()).isGreaterThanOrEqualTo(MESSAGES - 1 - snapshotThreshold);
        assertThat(replayed).hasSizeLessThanOrEqualTo(snapshotThreshold + 1);

        MessageAccepted next = commands.sendAndWait(
                new SendMessage(conversation, UUID.randomUUID(), "after the cold load", null, guest));
        assertThat(next.sequence()).as("the snapshot restored the sequence").isEqualTo(MESSAGES);
    }
}
