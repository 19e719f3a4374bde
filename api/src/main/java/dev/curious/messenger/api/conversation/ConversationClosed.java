package dev.curious.messenger.api.conversation;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A conversation was closed by its owner. */
@Revision("1")
public record ConversationClosed(UUID conversationId, UUID closedBy, Instant closedAt) {}
