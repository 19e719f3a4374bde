package dev.curious.messenger.gateway.history;

import dev.curious.messenger.api.conversation.ConversationClosed;
import dev.curious.messenger.api.conversation.ConversationRenamed;
import dev.curious.messenger.api.conversation.ConversationStarted;
import dev.curious.messenger.api.conversation.MemberAdded;
import dev.curious.messenger.api.conversation.MemberRemoved;
import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.api.message.MessageDeleted;
import dev.curious.messenger.api.message.MessageSent;
import dev.curious.messenger.gateway.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Folds a conversation's events, from the first and ignoring snapshots, up to a point in time. */
@Component
class ConversationStates {

    /** What a conversation was at {@code asOf}. */
    record State(
            UUID conversationId,
            Instant asOf,
            String title,
            UUID ownerId,
            List<UUID> memberIds,
            boolean closed,
            long messageCount,
            long deletedCount,
            long lastSequence,
            long eventCount) {}

    private final EventStore eventStore;

    ConversationStates(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    State asOf(UUID conversationId, Instant asOf) {
        String title = null;
        UUID owner = null;
        Set<UUID> members = new LinkedHashSet<>();
        boolean closed = false;
        long messages = 0;
        long deleted = 0;
        long lastSequence = 0;
        long events = 0;
        // From sequence 0: a snapshot would describe the latest state, not the one asked for.
        DomainEventStream stream = eventStore.readEvents(conversationId.toString(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(asOf)) {
                break;
            }
            events++;
            Object payload = event.getPayload();
            if (payload instanceof ConversationStarted started) {
                title = started.title();
                owner = started.ownerId();
                members.addAll(started.memberIds());
            } else if (payload instanceof ConversationRenamed renamed) {
                title = renamed.title();
            } else if (payload instanceof MemberAdded added) {
                members.add(added.userId());
            } else if (payload instanceof MemberRemoved removed) {
                members.remove(removed.userId());
            } else if (payload instanceof ConversationClosed) {
                closed = true;
            } else if (payload instanceof MessageSent sent) {
                messages++;
                lastSequence = sent.sequence();
            } else if (payload instanceof MessageDeleted) {
                deleted++;
            }
        }
        if (title == null) {
            throw Rejection.notFound(
                    ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + conversationId + " existed at " + asOf);
        }
        return new State(
                conversationId,
                asOf,
                title,
                owner,
                new ArrayList<>(members),
                closed,
                messages,
                deleted,
                lastSequence,
                events);
    }
}
