package dev.curious.messenger.api.frame;

import java.time.Instant;
import java.util.UUID;

/** A message was deleted, by its sender or by the owner ({@code deletedBy}): it keeps its place, not its content. */
public record MessageDeletedFrame(UUID conversationId, long frameSeq, UUID messageId, Instant deletedAt, UUID deletedBy)
        implements StoredFrame {}
