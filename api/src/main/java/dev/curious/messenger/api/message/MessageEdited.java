package dev.curious.messenger.api.message;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A message's content was replaced by its sender. */
@Revision("1")
public record MessageEdited(UUID conversationId, UUID messageId, String content, Instant editedAt) {}
