package dev.curious.messenger.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to {@link AuditMessagePositionsQuery}, newest first; {@code sentEventSequence} is 0 where the read model
 * does not know it; {@code sentCount} is how many messages the conversation had sent by the time asked.
 */
public record AuditMessagePositions(List<Position> messages, long sentCount) {

    /** One message's place. */
    public record Position(UUID messageId, long sequence, long sentEventSequence, UUID senderId, Instant sentAt) {}
}
