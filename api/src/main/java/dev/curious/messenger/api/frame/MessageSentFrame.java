package dev.curious.messenger.api.frame;

import dev.curious.messenger.api.message.ReactionSummary;
import dev.curious.messenger.api.message.ReplyView;
import dev.curious.messenger.api.message.SeenBy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message was sent: the whole message as the contract returns it, with the sender's client message id. */
public record MessageSentFrame(
        UUID conversationId,
        long frameSeq,
        UUID id,
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
        boolean erased,
        String clientMessageId)
        implements StoredFrame {}
