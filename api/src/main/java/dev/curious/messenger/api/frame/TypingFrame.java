package dev.curious.messenger.api.frame;

import java.util.UUID;

/** A member is typing; never stored. */
public record TypingFrame(UUID conversationId, UUID userId, String nickname) implements ConversationFrame {}
