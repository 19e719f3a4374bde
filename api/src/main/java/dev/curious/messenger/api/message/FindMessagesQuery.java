package dev.curious.messenger.api.message;

import java.util.UUID;

/**
 * A page of a conversation's messages, newest first, with sequence below {@code before} ({@code null}: the newest);
 * empty unless {@code viewerId} is a member ({@code null}: an auditor).
 */
public record FindMessagesQuery(UUID conversationId, UUID viewerId, Long before, int limit) {}
