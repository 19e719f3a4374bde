package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A message was deleted by its sender or, as moderator, by the conversation's owner ({@code deletedBy}); the event
 * store keeps the earlier content for auditors.
 */
@Revision("1")
public record MessageDeleted(UUID conversationId, UUID messageId, UUID deletedBy, Instant deletedAt) {}
