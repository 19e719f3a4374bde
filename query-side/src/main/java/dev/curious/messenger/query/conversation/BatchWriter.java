package dev.curious.messenger.query.conversation;

import dev.curious.messenger.api.frame.StoredFrame;
import dev.curious.messenger.query.conversation.ConversationBatch.Conversation;
import dev.curious.messenger.query.conversation.ConversationBatch.Member;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Told every change of one processor batch while its events are projected, it writes them all, in as few statements
 * as it can, when the batch commits ({@link #write}); nothing is written that it was not told about.
 */
interface BatchWriter {

    /** A message as it was sent; {@code position} is its event's global index or token, {@code null} if neither. */
    record SentMessage(
            UUID id,
            UUID conversationId,
            long sequence,
            UUID senderId,
            String content,
            String clientMessageId,
            Instant sentAt,
            UUID replyTo,
            List<UUID> mentions,
            String eventId,
            Long tokenPosition,
            long eventSequence) {}

    void user(UUID userId, String nickname);

    void emojiDefined(String key, String unicode);

    /** A reaction's emoji: until it is defined its key stands in for its unicode. */
    void emojiUsed(String key);

    /** The conversation's row is written as the batch leaves it: inserted if it was not stored, else updated. */
    void conversation(Conversation conversation);

    /** The member's row is written as the batch leaves it: inserted, updated, or deleted once not present. */
    void member(Conversation conversation, Member member);

    void message(SentMessage message);

    void edited(UUID messageId, String content, List<UUID> mentions, Instant at);

    void deleted(UUID messageId, Instant at);

    /** The others' messages in {@code (after, upTo]} marked seen by the user, each at its first time. */
    void seen(UUID userId, UUID conversationId, long after, long upTo, Instant at);

    void reacted(UUID userId, UUID messageId, UUID conversationId, String emojiKey);

    void unreacted(UUID userId, UUID messageId, String emojiKey);

    /** A frame stored with the change made at {@code at}. */
    void frame(StoredFrame frame, Instant at);

    /** Compliance's changes: {@link ComplianceProjection} says what each means. */
    void erased(UUID senderId, long position, Instant erasedAt, List<UUID> heldConversations);

    void expired(UUID conversationId, Instant before);

    void retention(UUID conversationId, int days);

    void held(UUID conversationId, String reason, UUID placedBy, Instant placedAt);

    void released(UUID conversationId, List<UUID> erasedUsers);

    /** Writes everything it was told, in the batch's transaction. */
    void write();
}
