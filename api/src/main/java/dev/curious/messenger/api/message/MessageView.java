package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as the contract returns it; a deleted message keeps its place but not its content. {@code replyTo} is
 * the message it answers (null when none), {@code mentions} the members its content names; {@code erased}: its
 * sender's content was erased (content null, the message in its place).
 */
public record MessageView(
        UUID id,
        UUID conversationId,
        long sequence,
        UUID senderId,
        String senderNickname,
        String content,
        Instant sentAt,
        Instant editedAt,
        boolean deleted,
        List<ReactionSummary> reactions,
        List<SeenBy> seenBy,
        ReplyView replyTo,
        List<UUID> mentions,
        boolean erased) {}
