package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.conversation.UserNotification;
import dev.curious.messenger.api.conversation.WatchNotificationsQuery;
import dev.curious.messenger.api.frame.ConversationFrame;
import dev.curious.messenger.api.frame.StoredFrame;
import dev.curious.messenger.api.frame.WatchFramesQuery;
import dev.curious.messenger.query.conversation.ConversationBatch.Conversation;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What the conversations group's projections share within one processor batch: its {@link ConversationBatch}, written
 * when the batch's transaction is about to commit, and the frames and notifications pushed to subscribers, which Axon
 * sends only after that transaction (and the processor's token) commits; a replay pushes nothing.
 */
@Component
class Batches {

    /** Who is told of a frame or a notification. */
    interface Subscribers {
        void frame(ConversationFrame frame);

        void notification(UserNotification notification);
    }

    /** The aggregate type of the conversation events. */
    private static final String CONVERSATION = "Conversation";

    private static final String BATCH = ConversationBatch.class.getName();

    private final ConversationStore store;
    private final Subscribers subscribers;

    @Autowired
    Batches(ConversationStore store, QueryUpdateEmitter updates) {
        this(store, new Subscribers() {
            @Override
            public void frame(ConversationFrame frame) {
                updates.emit(WatchFramesQuery.class, query -> true, frame);
            }

            @Override
            public void notification(UserNotification notification) {
                updates.emit(WatchNotificationsQuery.class, query -> true, notification);
            }
        });
    }

    Batches(ConversationStore store, Subscribers subscribers) {
        this.store = store;
        this.subscribers = subscribers;
    }

    /** The processor batch's state and changes, written when the batch's transaction is about to commit. */
    ConversationBatch current() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            ConversationBatch batch = new ConversationBatch(store);
            root.onPrepareCommit(unitOfWork -> batch.write());
            return batch;
        });
    }

    /** The conversation, if it was started. */
    Optional<Conversation> find(UUID conversationId) {
        return current().conversation(conversationId, Batches::batchConversations);
    }

    Conversation conversation(UUID conversationId) {
        // Events of one conversation arrive in order, so its start is always projected before anything else.
        return find(conversationId)
                .orElseThrow(() -> new IllegalStateException("Conversation " + conversationId + " was never started"));
    }

    /**
     * The conversations the processor's batch has events of: read together when the first is needed, since a replay
     * batch touches hundreds of conversations.
     */
    private static Collection<UUID> batchConversations() {
        if (!(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return List.of();
        }
        Set<UUID> ids = new HashSet<>();
        for (Object message : batch.getMessages()) {
            if (message instanceof DomainEventMessage<?> event && CONVERSATION.equals(event.getType())) {
                ids.add(UUID.fromString(event.getAggregateIdentifier()));
            }
        }
        return ids;
    }

    /**
     * Numbers the conversation's next frame and stores it with the change, in the batch's transaction, and pushes it.
     * A replay numbers the frames as before and writes none: the stored ones stay as they are (those past the
     * retention are gone for good, and asking for them answers 410 as before).
     */
    void push(ReplayStatus replay, Conversation conversation, LongFunction<StoredFrame> frame) {
        ConversationBatch batch = current();
        long frameSeq = batch.nextFrameSeq(conversation);
        if (replay.isReplay()) {
            return;
        }
        StoredFrame next = frame.apply(frameSeq);
        batch.frame(next, ((EventMessage<?>) CurrentUnitOfWork.get().getMessage()).getTimestamp());
        subscribers.frame(next);
    }

    /** Pushes a frame that is not stored: the conversation's open pages drop content that is gone. */
    void signal(ReplayStatus replay, ConversationFrame frame) {
        if (!replay.isReplay()) {
            subscribers.frame(frame);
        }
    }

    void notify(ReplayStatus replay, UserNotification change) {
        if (!replay.isReplay()) {
            subscribers.notification(change);
        }
    }
}
