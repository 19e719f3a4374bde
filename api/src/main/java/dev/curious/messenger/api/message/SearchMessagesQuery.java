package dev.curious.messenger.api.message;

import java.util.UUID;

/**
 * Full-text search of the messages of the conversations {@code viewerId} is a member of now (or only of
 * {@code conversationId}), newest first, below position {@code before} ({@code null}: the newest).
 */
public record SearchMessagesQuery(UUID viewerId, String text, UUID conversationId, Long before, int limit) {}
