package dev.curious.messenger.api.frame;

import dev.curious.messenger.api.message.MessageView;
import dev.curious.messenger.api.message.ReactionSummary;
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
        String clientMessageId)
        implements StoredFrame {

    public static MessageSentFrame of(long frameSeq, MessageView message, String clientMessageId) {
        return new MessageSentFrame(
                message.conversationId(),
                frameSeq,
                message.id(),
                message.sequence(),
                message.senderId(),
                message.senderNickname(),
                message.content(),
                message.sentAt(),
                message.editedAt(),
                message.deleted(),
                message.reactions(),
                message.seenBy(),
                clientMessageId);
    }
}
