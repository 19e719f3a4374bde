package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A message was accepted as number {@code sequence} of its conversation (1, 2, 3, ...). */
@Revision("1")
public record MessageSent(
        UUID conversationId,
        UUID messageId,
        long sequence,
        UUID senderId,
        String content,
        String clientMessageId,
        Instant sentAt) {}
