package dev.curious.messenger.api.frame;

import java.util.UUID;

/** A member reacted to a message with an emoji. */
public record ReactionAddedFrame(
        UUID conversationId, long frameSeq, UUID messageId, UUID userId, String emojiKey, String unicode)
        implements StoredFrame {}
