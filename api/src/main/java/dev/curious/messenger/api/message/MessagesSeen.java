package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A member saw the conversation up to {@code messageId}: every message of the others with a sequence in
 * {@code (afterSequence, upToSequence]} counts as first seen at {@code seenAt}.
 */
@Revision("1")
public record MessagesSeen(
        UUID conversationId, UUID userId, UUID messageId, long afterSequence, long upToSequence, Instant seenAt) {}
