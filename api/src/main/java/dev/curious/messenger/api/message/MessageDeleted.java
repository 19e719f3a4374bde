package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A message was deleted by its sender; the event store keeps the earlier content for auditors. */
@Revision("1")
public record MessageDeleted(UUID conversationId, UUID messageId, UUID deletedBy, Instant deletedAt) {}
