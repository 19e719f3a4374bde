package dev.curious.messenger.api.frame;

import java.time.Instant;
import java.util.UUID;

/** A message's content was changed. */
public record MessageEditedFrame(UUID conversationId, long frameSeq, UUID messageId, String content, Instant editedAt)
        implements StoredFrame {}
