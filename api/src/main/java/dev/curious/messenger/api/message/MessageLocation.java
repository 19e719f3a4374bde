package dev.curious.messenger.api.message;

import java.util.UUID;

/** Where a message lives. */
public record MessageLocation(UUID messageId, UUID conversationId) {}
