package dev.curious.messenger.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.curious.messenger.api.compliance.LegalHoldReleased;
import dev.curious.messenger.api.conversation.AddedToConversation;
import dev.curious.messenger.api.conversation.ConversationClosed;
import dev.curious.messenger.api.conversation.ConversationRenamed;
import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.conversation.Mentioned;
import dev.curious.messenger.api.conversation.UserNotification;
import dev.curious.messenger.api.frame.ContentErasedFrame;
import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.api.frame.ConversationRenamedFrame;
import dev.curious.messenger.api.frame.MessageSentFrame;
import dev.curious.messenger.api.frame.StoredFrame;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.api.message.MessagesSeen;
import dev.curious.messenger.api.user.UserContentErased;
import dev.curious.messenger.api.user.UserRegistered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.Test;

/**
 * The conversations group's three projections, built by hand over an in-memory store (no Spring, no database): each
 * batch is projected as the tracking processor does, in one {@link BatchingUnitOfWork}. The SQL is the PostgreSQL
 * tests' ({@code ConversationReadModelTest}, {@code ConversationUpdatesTest}, {@code HeldErasureTest}, ...).
 */
class ConversationProjectionsTest {

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final List<ConversationFrame> pushed = new ArrayList<>();
    private final List<UserNotification> notified = new ArrayList<>();
    private final AtomicInteger keysForgotten = new AtomicInteger();
    private final List<AnnotationEventHandlerAdapter> projections;
    private long position;

    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID conversation = UUID.randomUUID();
    private final Instant now = Instant.parse("2026-01-05T10:00:00Z");

    ConversationProjectionsTest() {
        Batches batches = new Batches(store, new Batches.Subscribers() {
            @Override
            public void frame(ConversationFrame frame) {
                pushed.add(frame);
            }

            @Override
            public void notification(UserNotification notification) {
                notified.add(notification);
            }
        });
        projections = List.of(
                new AnnotationEventHandlerAdapter(new MembershipProjection(batches, store)),
                new AnnotationEventHandlerAdapter(new MessageProjection(batches)),
                new AnnotationEventHandlerAdapter(new ComplianceProjection(batches, keysForgotten::incrementAndGet)));
    }

    /** One processor batch: every event in one unit of work, written at its commit. */
    private void batch(EventMessage<?>... events) {
        ResultMessage<?> result = new BatchingUnitOfWork<>(List.of(events))
                .executeWithResult(
                        () -> {
                            EventMessage<?> event =
                                    (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
                            for (AnnotationEventHandlerAdapter projection : projections) {
                                if (projection.canHandle(event)) {
                                    projection.handle(event);
                                }
                            }
                            return null;
                        },
                        RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new AssertionError(result.exceptionResult());
        }
    }

    private EventMessage<?> event(UUID aggregate, String type, long sequence, Object payload) {
        TrackingToken token = new GlobalSequenceTrackingToken(++position);
        return new GenericTrackedDomainEventMessage<>(
                token, new GenericDomainEventMessage<>(type, aggregate.toString(), sequence, payload));
    }

    private EventMessage<?> replayed(EventMessage<?> event) {
        GenericTrackedDomainEventMessage<?> tracked = (GenericTrackedDomainEventMessage<?>) event;
        // As a reset to the start leaves it: every event up to the token at the reset is a replay.
        WrappedToken reset = (WrappedToken) ReplayToken.createReplayToken(
                new GlobalSequenceTrackingToken(1_000), new GlobalSequenceTrackingToken(0));
        TrackingToken replay = reset.advancedTo(tracked.trackingToken());
        return tracked.withTrackingToken(replay);
    }

    private EventMessage<?> registered(UUID user, String nickname) {
        return event(user, "User", 0, new UserRegistered(user, nickname, now));
    }

    private EventMessage<?> started(long sequence) {
        return event(
                conversation,
                "Conversation",
                sequence,
                new ConversationStarted(conversation, "Lunch", ada, List.of(ada, bob), now));
    }

    private MessageSent sent(UUID message, long sequence, UUID sender, String content, UUID replyTo, List<UUID> named) {
        return new MessageSent(
                conversation, message, sequence, sender, content, null, now, MessageSent.TEXT, replyTo, named);
    }

    private EventMessage<?> inConversation(long sequence, Object payload) {
        return event(conversation, "Conversation", sequence, payload);
    }

    private List<StoredFrame> storedFrames() {
        return store.frames;
    }

    @Test
    void anErasureTellsTheConversationsTheUserFirstWroteInWithinTheSameBatch() {
        batch(registered(ada, "ada"), registered(bob, "bob"));

        batch(
                started(0),
                inConversation(1, sent(UUID.randomUUID(), 1, ada, "hello", null, List.of())),
                event(ada, "User", 1, new UserContentErased(ada, ada, now, List.of())));

        assertThat(pushed)
                .filteredOn(ContentErasedFrame.class::isInstance)
                .containsExactly(new ContentErasedFrame(conversation, ada, null, now));
        assertThat(keysForgotten).hasValue(1);
    }

    @Test
    void anErasureLeavesTheConversationsOnHoldUntold() {
        batch(registered(ada, "ada"), started(0), inConversation(1, sent(UUID.randomUUID(), 1, ada, "hi", null, null)));

        batch(event(ada, "User", 1, new UserContentErased(ada, ada, now, List.of(conversation))));

        assertThat(pushed).noneMatch(ContentErasedFrame.class::isInstance);
        batch(inConversation(2, new LegalHoldReleased(conversation, bob, now, List.of(ada))));
        assertThat(pushed)
                .filteredOn(ContentErasedFrame.class::isInstance)
                .containsExactly(new ContentErasedFrame(conversation, ada, null, now));
    }

    @Test
    void aStoredConversationsNewTitleIsWrittenAndNumberedAsItsNextFrame() {
        batch(started(0));

        batch(inConversation(1, new ConversationRenamed(conversation, "Dinner", ada)));

        assertThat(store.conversations.get(conversation).title()).isEqualTo("Dinner");
        assertThat(store.conversations.get(conversation).lastFrameSeq()).isEqualTo(1);
        assertThat(storedFrames()).containsExactly(new ConversationRenamedFrame(conversation, 1, "Dinner", ada));
        assertThat(pushed).containsExactly(new ConversationRenamedFrame(conversation, 1, "Dinner", ada));
    }

    @Test
    void aClosedConversationIsWrittenClosed() {
        batch(started(0));

        batch(inConversation(1, new ConversationClosed(conversation, ada, now)));

        assertThat(store.conversations.get(conversation).closed()).isTrue();
    }

    @Test
    void framesAreNumberedInTheConversationsOrderAcrossBatches() {
        UUID first = UUID.randomUUID();
        batch(registered(ada, "ada"), started(0), inConversation(1, sent(first, 1, ada, "one", null, List.of())));

        batch(
                inConversation(2, sent(UUID.randomUUID(), 2, ada, "two", null, List.of())),
                inConversation(3, new MessagesSeen(conversation, bob, first, 0, 2, now)),
                inConversation(4, new ConversationRenamed(conversation, "Later", ada)));

        assertThat(storedFrames()).extracting(StoredFrame::frameSeq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(store.conversations.get(conversation).lastFrameSeq()).isEqualTo(4);
        assertThat(store.conversations.get(conversation).lastSequence()).isEqualTo(2);
        assertThat(store.conversations.get(conversation).members().get(bob).seenUpTo())
                .isEqualTo(2);
    }

    @Test
    void aRepeatedEventFindsItsChangeMadeAndChangesNothing() {
        EventMessage<?> message = inConversation(1, sent(UUID.randomUUID(), 1, ada, "once", null, List.of()));
        batch(registered(ada, "ada"), started(0), message);
        List<String> before = new ArrayList<>(store.told);

        batch(started(0), message);

        assertThat(store.told).isEqualTo(before);
        assertThat(storedFrames()).hasSize(1);
        assertThat(store.messages).hasSize(1);
    }

    @Test
    void aReplayNumbersTheFramesAsBeforeButStoresAndPushesNone() {
        batch(replayed(registered(ada, "ada")), replayed(started(0)));

        batch(replayed(inConversation(1, sent(UUID.randomUUID(), 1, ada, "again", null, List.of(bob)))));

        assertThat(store.conversations.get(conversation).lastFrameSeq()).isEqualTo(1);
        assertThat(store.messages).hasSize(1);
        assertThat(storedFrames()).isEmpty();
        assertThat(pushed).isEmpty();
        assertThat(notified).isEmpty();
    }

    @Test
    void aReplyQuotesTheAnsweredMessageAsTheSameBatchLeftIt() {
        UUID original = UUID.randomUUID();
        UUID reply = UUID.randomUUID();

        batch(
                registered(ada, "ada"),
                registered(bob, "bob"),
                started(0),
                inConversation(1, sent(original, 1, ada, "first draft", null, List.of())),
                inConversation(2, new MessageEdited(conversation, original, "final text", now, List.of(), ada)),
                inConversation(3, sent(reply, 2, bob, "agreed", original, List.of())));

        MessageSentFrame frame = (MessageSentFrame) storedFrames().get(2);
        assertThat(frame.id()).isEqualTo(reply);
        assertThat(frame.senderNickname()).isEqualTo("bob");
        assertThat(frame.replyTo().excerpt()).isEqualTo("final text");
        assertThat(frame.replyTo().senderNickname()).isEqualTo("ada");
    }

    @Test
    void aMessageTellsTheMembersItNamesButNeitherItsSenderNorOutsiders() {
        UUID outsider = UUID.randomUUID();
        UUID message = UUID.randomUUID();

        batch(
                started(0),
                inConversation(1, sent(message, 1, ada, "@bob @ada @carol", null, List.of(bob, ada, outsider))));

        assertThat(notified)
                .containsExactly(
                        new AddedToConversation(ada, conversation, "Lunch"),
                        new AddedToConversation(bob, conversation, "Lunch"),
                        new Mentioned(bob, conversation, message, ada));
    }
}
