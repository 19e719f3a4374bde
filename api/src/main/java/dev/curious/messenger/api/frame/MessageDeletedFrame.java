package dev.curious.messenger.api.frame;

import java.time.Instant;
import java.util.UUID;

/** A message was deleted: it keeps its place, not its content. */
public record MessageDeletedFrame(UUID conversationId, long frameSeq, UUID messageId, Instant deletedAt)
        implements StoredFrame {}
