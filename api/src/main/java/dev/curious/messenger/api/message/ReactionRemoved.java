package dev.curious.messenger.api.message;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A user took back a reaction. */
@Revision("1")
public record ReactionRemoved(UUID conversationId, UUID messageId, UUID userId, String emojiKey) {}
