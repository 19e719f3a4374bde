package dev.curious.messenger.query.conversation;

import dev.curious.messenger.query.conversation.ConversationBatch.Conversation;
import dev.curious.messenger.query.conversation.ConversationBatch.Message;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The conversations group's read model as its projections see it: what a batch reads while it projects, and a writer
 * per batch that is told each change and writes them all when the batch commits.
 */
interface ConversationStore {

    /** Stored conversations with their members, and those members' nicknames (null: never registered). */
    record Loaded(List<Conversation> conversations, Map<UUID, String> nicknames) {}

    /** The stored conversations among {@code ids}, with their members. */
    Loaded conversations(Collection<UUID> ids);

    Optional<String> nickname(UUID userId);

    Optional<String> unicode(String emojiKey);

    Optional<Message> message(UUID messageId);

    /** The event's own place in the store's global order where the store is this database; empty elsewhere. */
    OptionalLong globalIndex(String eventId);

    /** The conversations the user has stored messages in, but {@code except}. */
    List<UUID> conversationsWrittenIn(UUID senderId, Collection<UUID> except);

    /** A writer for one processor batch. */
    BatchWriter writer();

    /** Empties every table of the group, for a replay. */
    void reset();
}
