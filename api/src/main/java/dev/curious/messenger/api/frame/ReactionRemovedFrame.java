package dev.curious.messenger.api.frame;

import java.util.UUID;

/** A member took a reaction back. */
public record ReactionRemovedFrame(
        UUID conversationId, long frameSeq, UUID messageId, UUID userId, String emojiKey, String unicode)
        implements StoredFrame {}
