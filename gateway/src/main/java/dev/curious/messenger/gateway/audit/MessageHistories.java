package dev.curious.messenger.gateway.audit;

import dev.curious.messenger.api.message.MessageDeleted;
import dev.curious.messenger.api.message.MessageEdited;
import dev.curious.messenger.api.message.MessageLocation;
import dev.curious.messenger.api.message.MessageSent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Every version of a message, read from its conversation's events (the read model keeps only the current one): from
 * the message's {@code MessageSent} on, to its deletion or the end of the stream, so that an edit the read model has
 * not yet projected is there too.
 */
@Component
class MessageHistories {

    /** A message's versions, oldest first. */
    record History(UUID messageId, UUID conversationId, UUID senderId, List<Version> versions) {}

    /**
     * One version: {@code Sent} (with {@code sentAt}), {@code Edited} (its new content, {@code editedAt}) or
     * {@code Deleted} ({@code deletedAt}, no content); {@code by} is who did it.
     */
    record Version(Action action, String content, Instant sentAt, Instant editedAt, Instant deletedAt, UUID by) {}

    /** What a version was made by. */
    enum Action {
        Sent,
        Edited,
        Deleted
    }

    private final EventStore eventStore;

    MessageHistories(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    History of(MessageLocation location) {
        UUID messageId = location.messageId();
        UUID senderId = null;
        List<Version> versions = new ArrayList<>();
        DomainEventStream stream =
                eventStore.readEvents(location.conversationId().toString(), location.sentEventSequence());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            Object payload = event.getPayload();
            if (payload instanceof MessageSent sent && sent.messageId().equals(messageId)) {
                senderId = sent.senderId();
                versions.add(new Version(Action.Sent, sent.content(), sent.sentAt(), null, null, senderId));
            } else if (payload instanceof MessageEdited edited
                    && edited.messageId().equals(messageId)) {
                // Only the sender edits.
                versions.add(new Version(Action.Edited, edited.content(), null, edited.editedAt(), null, senderId));
            } else if (payload instanceof MessageDeleted deleted
                    && deleted.messageId().equals(messageId)) {
                versions.add(new Version(Action.Deleted, null, null, null, deleted.deletedAt(), deleted.deletedBy()));
                break;
            }
        }
        return new History(messageId, location.conversationId(), senderId, versions);
    }
}
