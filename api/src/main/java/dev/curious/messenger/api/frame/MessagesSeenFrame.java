package dev.curious.messenger.api.frame;

import java.time.Instant;
import java.util.UUID;

/** A member saw the messages after {@code afterSequence} up to {@code upToSequence} (those of others). */
public record MessagesSeenFrame(
        UUID conversationId,
        long frameSeq,
        UUID userId,
        UUID messageId,
        long afterSequence,
        long upToSequence,
        Instant seenAt)
        implements StoredFrame {}
