package dev.curious.messenger.query.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.frame.ContentErasedFrame;
import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.api.frame.WatchFramesQuery;
import dev.curious.messenger.api.message.EditMessage;
import dev.curious.messenger.api.message.FindMessagesQuery;
import dev.curious.messenger.api.message.MessagePage;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.MessageView;
import dev.curious.messenger.api.user.EraseUserContent;
import dev.curious.messenger.api.user.UserContentErased;
import dev.curious.messenger.query.Chat;
import dev.curious.messenger.query.CommandAndQuerySides;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Message content is sealed in the event store with the sender's key, and erased by destroying it. */
@SpringBootTest(classes = CommandAndQuerySides.class)
class ContentErasureTest {

    @Autowired
    Chat chat;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    QueryGateway queries;

    @Autowired
    EventGateway events;

    private List<String> storedPayloads(UUID conversation) {
        return jdbc.sql(
                        "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(conversation.toString())
                .query((rs, row) -> new String(rs.getBytes(1), StandardCharsets.UTF_8))
                .list();
    }

    private Map<UUID, String> contentsInTheStore(UUID conversation) {
        return eventStore
                .readEvents(conversation.toString())
                .asStream()
                .map(DomainEventMessage::getPayload)
                .filter(MessageSent.class::isInstance)
                .map(MessageSent.class::cast)
                .collect(Collectors.toMap(MessageSent::messageId, sent -> String.valueOf(sent.content())));
    }

    private Map<UUID, MessageView> readModel(UUID conversation) {
        return queries
                .query(
                        new FindMessagesQuery(conversation, null, null, 50),
                        ResponseTypes.optionalInstanceOf(MessagePage.class))
                .join()
                .orElseThrow()
                .messages()
                .stream()
                .collect(Collectors.toMap(MessageView::id, view -> view));
    }

    @Test
    void contentIsSealedInTheStoreAndErasedWithTheSendersKeysOnly() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        UUID conversation = chat.start(ada, "Sealed", bob);
        UUID adas = chat.send(conversation, ada, "ada's secret plan");
        UUID bobs = chat.send(conversation, bob, "bob's grocery list");
        chat.command(new EditMessage(conversation, adas, "ada's revised plan", ada));

        // The store holds no plain text, only sealed bytes; every reader gets the text back.
        assertThat(storedPayloads(conversation))
                .noneMatch(payload ->
                        payload.contains("secret") || payload.contains("revised") || payload.contains("grocery"))
                .filteredOn(payload -> payload.contains("\"sealed\""))
                .hasSize(3);
        assertThat(contentsInTheStore(conversation))
                .containsEntry(adas, "ada's secret plan")
                .containsEntry(bobs, "bob's grocery list");
        chat.awaitProjected();
        assertThat(readModel(conversation).get(adas).content()).isEqualTo("ada's revised plan");

        // Only the user or an admin erases; Bob may not erase Ada.
        assertThatThrownBy(() -> chat.command(new EraseUserContent(ada, bob)))
                .isInstanceOf(CommandExecutionException.class);
        assertThat(contentsInTheStore(conversation)).containsEntry(adas, "ada's secret plan");

        chat.command(new EraseUserContent(ada, ada));
        chat.awaitProjected();

        // Ada's content is gone from the store's readers and the read model; Bob's is untouched.
        assertThat(contentsInTheStore(conversation))
                .containsEntry(adas, "null")
                .containsEntry(bobs, "bob's grocery list");
        Map<UUID, MessageView> shown = readModel(conversation);
        assertThat(shown.get(adas).content()).isNull();
        assertThat(shown.get(adas).erased()).isTrue();
        assertThat(shown.get(adas).senderId()).isEqualTo(ada);
        assertThat(shown.get(adas).sequence()).isEqualTo(1);
        assertThat(shown.get(bobs).content()).isEqualTo("bob's grocery list");
        assertThat(shown.get(bobs).erased()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM chat_frames WHERE conversation_id = ?"
                                + " AND CAST(body AS text) LIKE '%plan%'")
                        .param(conversation)
                        .query(Long.class)
                        .single())
                .as("stored frames")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM content_keys WHERE user_id = ? AND wrapped IS NULL")
                        .param(ada)
                        .query(Long.class)
                        .single())
                .as("the key destroyed (a new one made for what comes next)")
                .isEqualTo(1);

        // What Ada sends afterwards is sealed with a new key, and readable.
        UUID later = chat.send(conversation, ada, "a fresh start");
        assertThat(contentsInTheStore(conversation))
                .containsEntry(later, "a fresh start")
                .containsEntry(adas, "null");
    }

    @Test
    void anErasureTellsTheOpenPagesOfAConversationTheUserFirstWroteInWithinTheSameBatch() {
        UUID ada = chat.register("ada");
        UUID bob = chat.register("bob");
        chat.awaitProjected();
        UUID conversation = UUID.randomUUID();
        Instant now = Instant.now();
        List<ContentErasedFrame> signals = new CopyOnWriteArrayList<>();
        try (SubscriptionQueryResult<Boolean, ConversationFrame> subscription = queries.subscriptionQuery(
                new WatchFramesQuery("test"),
                ResponseTypes.instanceOf(Boolean.class),
                ResponseTypes.instanceOf(ConversationFrame.class))) {
            assertThat(subscription.initialResult().block()).isTrue();
            subscription
                    .updates()
                    .filter(ContentErasedFrame.class::isInstance)
                    .map(ContentErasedFrame.class::cast)
                    .subscribe(signals::add);

            // Stored in one transaction, so the processor projects them in one batch: the erasure comes before the
            // batch has written the conversation or the message. The conversation's are its events, as the command
            // side stores them.
            events.publish(
                    new GenericDomainEventMessage<>(
                            "Conversation",
                            conversation.toString(),
                            0,
                            new ConversationStarted(conversation, "Same batch", ada, List.of(ada, bob), now)),
                    new GenericDomainEventMessage<>(
                            "Conversation",
                            conversation.toString(),
                            1,
                            new MessageSent(
                                    conversation,
                                    UUID.randomUUID(),
                                    1,
                                    ada,
                                    "hello",
                                    null,
                                    now,
                                    MessageSent.TEXT,
                                    null,
                                    null)),
                    new UserContentErased(ada, ada, now, List.of()));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> signals.stream()
                            .anyMatch(signal ->
                                    signal.conversationId().equals(conversation) && ada.equals(signal.senderId())));
        }
    }
}
