package dev.curious.messenger.api.frame;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message's content was changed by its sender; {@code mentions} are the members the new content names. */
public record MessageEditedFrame(
        UUID conversationId, long frameSeq, UUID messageId, String content, Instant editedAt, List<UUID> mentions)
        implements StoredFrame {}
